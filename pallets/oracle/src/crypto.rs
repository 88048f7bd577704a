//! Reporter keys: sr25519 under `aegis_primitives::oracle::ORACLE_KEY_TYPE`.

use aegis_primitives::oracle::ORACLE_KEY_TYPE;
use sp_application_crypto::sr25519;
use sp_runtime::{MultiSignature, MultiSigner};

sp_application_crypto::app_crypto!(sr25519, ORACLE_KEY_TYPE);

/// Signs reports with a reporter key from the keystore, for accounts that are sr25519
/// `MultiSigner`s.
pub struct ReporterId;

impl frame_system::offchain::AppCrypto<MultiSigner, MultiSignature> for ReporterId {
	type RuntimeAppPublic = Public;
	type GenericSignature = sp_core::sr25519::Signature;
	type GenericPublic = sp_core::sr25519::Public;
}
