//! The fuzzer's bytes, read as choices: every read takes what it needs from the front and
//! reads zeros once the input is spent, so every input is a valid program and a short one
//! ends soon.

/// The unread rest of an input.
pub struct Input<'a> {
	rest: &'a [u8],
}

impl<'a> Input<'a> {
	/// All of `data`, unread.
	pub fn new(data: &'a [u8]) -> Self {
		Self { rest: data }
	}

	/// Whether everything has been read.
	pub fn is_empty(&self) -> bool {
		self.rest.is_empty()
	}

	/// The next byte, or zero.
	pub fn byte(&mut self) -> u8 {
		match self.rest.split_first() {
			Some((first, rest)) => {
				self.rest = rest;
				*first
			},
			None => 0,
		}
	}

	/// The next `N` bytes, zero-padded.
	pub fn array<const N: usize>(&mut self) -> [u8; N] {
		let mut out = [0; N];
		let taken = N.min(self.rest.len());
		out[..taken].copy_from_slice(&self.rest[..taken]);
		self.rest = &self.rest[taken..];
		out
	}

	/// A number below `bound` (zero if `bound` is zero), from one byte.
	pub fn below(&mut self, bound: usize) -> usize {
		if bound == 0 {
			0
		} else {
			usize::from(self.byte()) % bound
		}
	}

	/// True `percent` times in a hundred.
	pub fn chance(&mut self, percent: u8) -> bool {
		self.byte() % 100 < percent
	}

	/// A little-endian `u32`.
	pub fn u32(&mut self) -> u32 {
		u32::from_le_bytes(self.array())
	}

	/// A little-endian `u64`.
	pub fn u64(&mut self) -> u64 {
		u64::from_le_bytes(self.array())
	}

	/// A little-endian `u128`.
	pub fn u128(&mut self) -> u128 {
		u128::from_le_bytes(self.array())
	}

	/// One of `choices` (which must not be empty).
	pub fn choose<T: Copy>(&mut self, choices: &[T]) -> T {
		choices[self.below(choices.len())]
	}

	/// Up to `max` bytes, as many as the next byte says.
	pub fn bytes(&mut self, max: usize) -> Vec<u8> {
		let wanted = self.below(max.saturating_add(1)).min(self.rest.len());
		let (taken, rest) = self.rest.split_at(wanted);
		self.rest = rest;
		taken.to_vec()
	}

	/// The unread bytes, without consuming them: for decoders that take what they need, and
	/// [`Input::skip`] past what they took.
	pub fn peek(&self) -> &'a [u8] {
		self.rest
	}

	/// Drops the next `count` bytes.
	pub fn skip(&mut self, count: usize) {
		self.rest = &self.rest[count.min(self.rest.len())..];
	}
}

#[cfg(test)]
mod tests {
	use super::Input;

	#[test]
	fn reads_take_from_the_front_and_read_zeros_once_spent() {
		let mut input = Input::new(&[7, 1, 0, 0, 0, 9]);
		assert_eq!(input.byte(), 7);
		assert_eq!(input.u32(), 1);
		assert_eq!(input.below(4), 1);
		assert!(input.is_empty());
		assert_eq!(input.u64(), 0);
		assert_eq!(input.bytes(10), Vec::<u8>::new());
		assert_eq!(input.array::<3>(), [0; 3]);
	}

	#[test]
	fn bytes_take_at_most_what_is_left() {
		let mut input = Input::new(&[5, 1, 2]);
		assert_eq!(input.bytes(8), vec![1, 2]);
		assert!(input.is_empty());
	}
}
