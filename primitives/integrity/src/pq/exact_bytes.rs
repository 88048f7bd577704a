//! Byte strings of one exact length, as keys and signatures of fixed-size schemes are.

use alloc::vec::Vec;
use codec::{Compact, Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};

/// Exactly `N` bytes.
///
/// On the wire it is a SCALE byte string (`Vec<u8>`: compact length, then the bytes) whose
/// length must be `N`: polkadot.js and polkadot-api show it as ordinary bytes (their type
/// registries refuse fixed arrays longer than 2048, and ML-DSA-87 keys or SLH-DSA signatures
/// are longer), while decoding refuses any other length before it reads or allocates more than
/// `N` bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct ExactBytes<const N: usize>(pub [u8; N]);

impl<const N: usize> ExactBytes<N> {
	/// The bytes, if there are exactly `N`.
	pub fn from_slice(bytes: &[u8]) -> Option<Self> {
		bytes.try_into().ok().map(Self)
	}

	fn length_prefix() -> Compact<u32> {
		// `N` is a key or signature size, far below `u32::MAX`.
		Compact(N as u32)
	}
}

impl<const N: usize> AsRef<[u8]> for ExactBytes<N> {
	fn as_ref(&self) -> &[u8] {
		&self.0
	}
}

impl<const N: usize> Encode for ExactBytes<N> {
	fn size_hint(&self) -> usize {
		Self::length_prefix().encoded_size() + N
	}

	fn encode_to<O: codec::Output + ?Sized>(&self, dest: &mut O) {
		Self::length_prefix().encode_to(dest);
		dest.write(&self.0);
	}
}

impl<const N: usize> Decode for ExactBytes<N> {
	fn decode<I: codec::Input>(input: &mut I) -> Result<Self, codec::Error> {
		let Compact(len) = Compact::<u32>::decode(input)?;
		if len as usize != N {
			return Err("a key or signature of another length than its scheme's".into());
		}
		let mut bytes = [0u8; N];
		input.read(&mut bytes)?;
		Ok(Self(bytes))
	}
}

impl<const N: usize> DecodeWithMemTracking for ExactBytes<N> {}

impl<const N: usize> codec::EncodeLike for ExactBytes<N> {}

impl<const N: usize> MaxEncodedLen for ExactBytes<N> {
	fn max_encoded_len() -> usize {
		Self::length_prefix().encoded_size() + N
	}
}

impl<const N: usize> scale_info::TypeInfo for ExactBytes<N> {
	type Identity = Self;

	fn type_info() -> scale_info::Type {
		scale_info::Type::builder()
			.path(scale_info::Path::new("ExactBytes", module_path!()))
			.docs(&["A byte string of the one length its scheme defines."])
			.composite(
				scale_info::build::Fields::unnamed()
					.field(|f| f.ty::<Vec<u8>>().type_name("Vec<u8>")),
			)
	}
}

impl<const N: usize> core::fmt::Debug for ExactBytes<N> {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "{N} bytes 0x")?;
		self.0.iter().take(8).try_for_each(|byte| write!(f, "{byte:02x}"))?;
		write!(f, "…")
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn encodes_as_a_byte_string_and_decodes_only_its_length() {
		let value = ExactBytes([5u8; 40]);
		let encoded = value.encode();
		assert_eq!(encoded, vec![5u8; 40].encode());
		assert_eq!(encoded.len(), ExactBytes::<40>::max_encoded_len());
		assert_eq!(ExactBytes::<40>::decode(&mut &encoded[..]), Ok(value));
		for len in [0, 39, 41] {
			assert!(ExactBytes::<40>::decode(&mut &vec![5u8; len].encode()[..]).is_err(), "{len}");
		}
		assert!(ExactBytes::<40>::decode(&mut &encoded[..40]).is_err(), "truncated input");
		assert_eq!(ExactBytes::<3>::from_slice(&[1, 2, 3]), Some(ExactBytes([1, 2, 3])));
		assert_eq!(ExactBytes::<3>::from_slice(&[1, 2]), None);
	}
}
