//! Content hashes of model files and the canonical encoding of model vectors.
//!
//! ## Files
//!
//! The content hash of a model file is the plain SHA3-512 of its bytes: anyone can check it
//! with `sha3sum -a 512`. [`ContentHasher`] computes it incrementally, so a multi-GiB file
//! never sits in memory.
//!
//! ## Shards
//!
//! A model is committed to as shards under a Merkle root. The `aegis` tool cuts a file into
//! shards of one power-of-two size from [`MIN_SHARD_SIZE`] to [`MAX_SHARD_SIZE`], the last one
//! possibly shorter; other layouts (a shard per tensor) are as verifiable. Whatever the layout,
//! no shard is empty and none exceeds [`MAX_SHARD_SIZE`] (a shard is held in memory to be
//! hashed and proven), so a declared `(byte_size, shard_count)` must satisfy
//! `shard_count ≤ byte_size ≤ shard_count × MAX_SHARD_SIZE` ([`declared_size_fits`]).
//!
//! ## Vectors
//!
//! A vector (a tensor of weights) is hashed through its canonical encoding, so that the same
//! values give the same hash whatever program produced them:
//!
//! | bytes | field |
//! | --- | --- |
//! | 8 | magic `AEGISVEC` |
//! | 1 | format version, `1` |
//! | 1 | [`DType`] code |
//! | 1 | rank `r` (number of dimensions, 1 to [`MAX_RANK`]) |
//! | 1 | reserved, `0` |
//! | 8 × r | each dimension, `u64` little-endian |
//! | n × size | the values in row-major order, each little-endian |
//!
//! The header makes a vector's encoding differ from any other vector of the same bytes but
//! another dtype or shape (a 2×8 and a 4×4 `f32` tensor of equal bytes hash differently).

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sha3::Digest;

use crate::Sha3_512Hash;

/// The smallest shard size: 4 KiB.
pub const MIN_SHARD_SIZE: u64 = 1 << 12;
/// The largest shard size: 256 MiB (a shard is held in memory while it is hashed).
pub const MAX_SHARD_SIZE: u64 = 1 << 28;

/// Whether `byte_size` bytes fit `shard_count` shards of 1 byte to [`MAX_SHARD_SIZE`] each:
/// at least one shard, none empty, none larger than the largest.
pub fn declared_size_fits(byte_size: u64, shard_count: u32) -> bool {
	let shards = u64::from(shard_count);
	shards > 0 && shards <= byte_size && byte_size <= shards.saturating_mul(MAX_SHARD_SIZE)
}

/// First bytes of every canonical vector encoding.
pub const VECTOR_MAGIC: [u8; 8] = *b"AEGISVEC";
/// Version of the canonical vector encoding described in this module.
pub const VECTOR_FORMAT_VERSION: u8 = 1;
/// Most dimensions a vector may have.
pub const MAX_RANK: usize = 8;

/// The element type of a model vector, with its code in the canonical encoding.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum DType {
	/// IEEE 754 binary32.
	F32 = 0,
	/// IEEE 754 binary16.
	F16 = 1,
	/// bfloat16: the upper half of a binary32.
	Bf16 = 2,
	/// Signed 8-bit integer (quantised weights).
	I8 = 3,
}

impl DType {
	/// Bytes per element.
	pub const fn size(self) -> usize {
		match self {
			DType::F32 => 4,
			DType::F16 | DType::Bf16 => 2,
			DType::I8 => 1,
		}
	}

	/// The dtype of a code of the canonical encoding.
	pub const fn from_code(code: u8) -> Option<Self> {
		match code {
			0 => Some(DType::F32),
			1 => Some(DType::F16),
			2 => Some(DType::Bf16),
			3 => Some(DType::I8),
			_ => None,
		}
	}
}

/// Why a vector cannot be encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VectorError {
	/// The shape has no dimension, or more than [`MAX_RANK`].
	BadRank,
	/// A dimension is zero.
	ZeroDimension,
	/// The number of elements overflows `usize`.
	TooLarge,
	/// The data is not `elements × dtype size` bytes long.
	LengthMismatch {
		/// Bytes the shape and dtype call for.
		expected: usize,
		/// Bytes given.
		actual: usize,
	},
}

/// Number of bytes of a vector's values, checking the shape.
pub fn vector_data_len(dtype: DType, shape: &[u64]) -> Result<usize, VectorError> {
	if shape.is_empty() || shape.len() > MAX_RANK {
		return Err(VectorError::BadRank);
	}
	let mut elements: usize = 1;
	for &dimension in shape {
		if dimension == 0 {
			return Err(VectorError::ZeroDimension);
		}
		let dimension = usize::try_from(dimension).map_err(|_| VectorError::TooLarge)?;
		elements = elements.checked_mul(dimension).ok_or(VectorError::TooLarge)?;
	}
	elements.checked_mul(dtype.size()).ok_or(VectorError::TooLarge)
}

/// The header of a vector's canonical encoding (everything before the values).
pub fn vector_header(dtype: DType, shape: &[u64]) -> Result<Vec<u8>, VectorError> {
	vector_data_len(dtype, shape)?;
	let mut header = Vec::with_capacity(12 + 8 * shape.len());
	header.extend_from_slice(&VECTOR_MAGIC);
	header.push(VECTOR_FORMAT_VERSION);
	header.push(dtype as u8);
	// `vector_data_len` checked that the rank is at most `MAX_RANK`.
	header.push(shape.len() as u8);
	header.push(0);
	for dimension in shape {
		header.extend_from_slice(&dimension.to_le_bytes());
	}
	Ok(header)
}

/// The canonical encoding of a vector whose values are given as little-endian bytes.
pub fn encode_vector(dtype: DType, shape: &[u64], data_le: &[u8]) -> Result<Vec<u8>, VectorError> {
	let expected = vector_data_len(dtype, shape)?;
	if data_le.len() != expected {
		return Err(VectorError::LengthMismatch { expected, actual: data_le.len() });
	}
	let mut encoded = vector_header(dtype, shape)?;
	encoded.extend_from_slice(data_le);
	Ok(encoded)
}

/// The canonical encoding of an `f32` vector.
pub fn encode_f32_vector(shape: &[u64], values: &[f32]) -> Result<Vec<u8>, VectorError> {
	let data: Vec<u8> = values.iter().flat_map(|value| value.to_le_bytes()).collect();
	encode_vector(DType::F32, shape, &data)
}

/// The content hash of a vector: SHA3-512 of its canonical encoding.
pub fn vector_content_hash(
	dtype: DType,
	shape: &[u64],
	data_le: &[u8],
) -> Result<Sha3_512Hash, VectorError> {
	let expected = vector_data_len(dtype, shape)?;
	if data_le.len() != expected {
		return Err(VectorError::LengthMismatch { expected, actual: data_le.len() });
	}
	let mut hasher = ContentHasher::new();
	hasher.update(&vector_header(dtype, shape)?);
	hasher.update(data_le);
	Ok(hasher.finalize())
}

/// Incremental SHA3-512 of a file's content: feed it the bytes in any number of pieces.
#[derive(Clone, Default)]
pub struct ContentHasher(sha3::Sha3_512);

impl ContentHasher {
	/// A hasher that has seen nothing yet.
	pub fn new() -> Self {
		Self(sha3::Sha3_512::new())
	}

	/// Feeds the next bytes.
	pub fn update(&mut self, bytes: &[u8]) {
		self.0.update(bytes);
	}

	/// The content hash of all bytes fed.
	pub fn finalize(self) -> Sha3_512Hash {
		self.0.finalize().into()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_declared_size_must_fit_its_shard_count() {
		// One byte to 256 MiB fit one shard; nothing fits zero bytes or zero shards.
		assert!(declared_size_fits(1, 1));
		assert!(declared_size_fits(MAX_SHARD_SIZE, 1));
		assert!(!declared_size_fits(0, 0));
		assert!(!declared_size_fits(0, 1));
		assert!(!declared_size_fits(4096, 0));
		// More than one largest shard needs a second shard.
		assert!(!declared_size_fits(MAX_SHARD_SIZE + 1, 1));
		assert!(declared_size_fits(MAX_SHARD_SIZE + 1, 2));
		// Shards are never empty: 10 shards hold at least 10 bytes.
		assert!(!declared_size_fits(9, 10));
		assert!(declared_size_fits(10, 10));
		// The largest count and size do not overflow.
		assert!(declared_size_fits(u64::from(u32::MAX) * MAX_SHARD_SIZE, u32::MAX));
		assert!(!declared_size_fits(u64::MAX, u32::MAX));
		assert!(!declared_size_fits(u64::from(u32::MAX) - 1, u32::MAX));
	}

	#[test]
	fn streaming_hash_equals_one_shot_hash() {
		let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
		let mut hasher = ContentHasher::new();
		for piece in data.chunks(777) {
			hasher.update(piece);
		}
		assert_eq!(hasher.finalize(), crate::sha3_512(&data));
	}

	#[test]
	fn vector_encoding_has_the_documented_layout() {
		let encoded = encode_f32_vector(&[2, 1], &[1.0, -2.5]).unwrap();
		assert_eq!(&encoded[..8], b"AEGISVEC");
		assert_eq!(encoded[8..12], [1, 0, 2, 0]);
		assert_eq!(encoded[12..20], 2u64.to_le_bytes());
		assert_eq!(encoded[20..28], 1u64.to_le_bytes());
		assert_eq!(encoded[28..32], 1.0f32.to_le_bytes());
		assert_eq!(encoded[32..36], (-2.5f32).to_le_bytes());
		assert_eq!(encoded.len(), 36);
	}

	#[test]
	fn same_bytes_other_shape_or_dtype_hash_differently() {
		let data = [7u8; 32];
		let a = vector_content_hash(DType::F32, &[2, 4], &data).unwrap();
		let b = vector_content_hash(DType::F32, &[4, 2], &data).unwrap();
		let c = vector_content_hash(DType::F16, &[16], &data).unwrap();
		assert_ne!(a, b);
		assert_ne!(a, c);
		assert_eq!(a, crate::sha3_512(&encode_vector(DType::F32, &[2, 4], &data).unwrap()));
	}

	#[test]
	fn malformed_vectors_are_rejected() {
		assert_eq!(vector_content_hash(DType::F32, &[], &[]), Err(VectorError::BadRank));
		assert_eq!(vector_content_hash(DType::F32, &[1; 9], &[0; 4]), Err(VectorError::BadRank));
		assert_eq!(vector_content_hash(DType::I8, &[3, 0], &[]), Err(VectorError::ZeroDimension));
		assert_eq!(
			vector_content_hash(DType::F32, &[3], &[0; 11]),
			Err(VectorError::LengthMismatch { expected: 12, actual: 11 })
		);
		assert_eq!(
			vector_content_hash(DType::F32, &[u64::MAX, u64::MAX], &[]),
			Err(VectorError::TooLarge)
		);
	}

	#[test]
	fn dtype_codes_round_trip() {
		for dtype in [DType::F32, DType::F16, DType::Bf16, DType::I8] {
			assert_eq!(DType::from_code(dtype as u8), Some(dtype));
		}
		assert_eq!(DType::from_code(4), None);
	}
}
