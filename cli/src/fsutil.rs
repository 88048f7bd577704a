//! Output files that appear whole or not at all.
//!
//! Everything the tool writes goes to a temporary file beside the destination first (created
//! with owner-only permissions) and is renamed into place only once it is complete: a failure,
//! an interrupted run or a tampered input never leaves a partial or unauthenticated file behind.

use std::{
	fs::File,
	io::{BufWriter, Write},
	path::{Path, PathBuf},
};

use anyhow::{bail, Context, Result};
use tempfile::NamedTempFile;

/// A file being written to `destination`; dropped without [`AtomicFile::commit`], it vanishes.
pub struct AtomicFile {
	destination: PathBuf,
	overwrite: bool,
	writer: BufWriter<NamedTempFile>,
}

impl AtomicFile {
	/// Starts writing `destination`. Refuses at once if it exists and `overwrite` is false, so
	/// that long work is not done for nothing.
	pub fn create(destination: &Path, overwrite: bool) -> Result<Self> {
		if !overwrite && destination.exists() {
			bail!("{} already exists (pass --force to replace it)", destination.display());
		}
		let directory = match destination.parent() {
			Some(parent) if !parent.as_os_str().is_empty() => parent,
			_ => Path::new("."),
		};
		let temporary = tempfile::Builder::new()
			.prefix(".aegis-")
			.suffix(".partial")
			.tempfile_in(directory)
			.with_context(|| format!("cannot create a file in {}", directory.display()))?;
		Ok(Self {
			destination: destination.to_path_buf(),
			overwrite,
			writer: BufWriter::with_capacity(1 << 20, temporary),
		})
	}

	/// Sets the permission bits the finished file gets (Unix; the temporary file is 0600).
	#[cfg(unix)]
	pub fn set_mode(&self, mode: u32) -> Result<()> {
		use std::os::unix::fs::PermissionsExt;
		let file: &File = self.writer.get_ref().as_file();
		file.set_permissions(std::fs::Permissions::from_mode(mode))
			.context("cannot set the output file's permissions")
	}

	/// Flushes, syncs and renames the file into place.
	pub fn commit(self) -> Result<()> {
		let temporary = self.writer.into_inner().map_err(|error| error.into_error())?;
		temporary.as_file().sync_all().context("cannot write the output file to disk")?;
		let result = if self.overwrite {
			temporary.persist(&self.destination).map(drop)
		} else {
			temporary.persist_noclobber(&self.destination).map(drop)
		};
		result.map_err(|error| error.error).with_context(|| {
			format!("cannot move the finished file to {}", self.destination.display())
		})
	}
}

impl Write for AtomicFile {
	fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
		self.writer.write(bytes)
	}

	fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
		self.writer.write_all(bytes)
	}

	fn flush(&mut self) -> std::io::Result<()> {
		self.writer.flush()
	}
}

/// Writes `contents` to `destination` whole or not at all, with permission bits `mode`.
pub fn write_file(destination: &Path, contents: &[u8], mode: u32, overwrite: bool) -> Result<()> {
	let mut file = AtomicFile::create(destination, overwrite)?;
	file.write_all(contents)
		.with_context(|| format!("cannot write {}", destination.display()))?;
	#[cfg(unix)]
	file.set_mode(mode)?;
	#[cfg(not(unix))]
	let _ = mode;
	file.commit()
}

/// Opens `path` for reading, naming it in the error.
pub fn open(path: &Path) -> Result<File> {
	File::open(path).with_context(|| format!("cannot open {}", path.display()))
}

/// Reads until `buffer` is full or the input ends; returns how many bytes were read. Unlike one
/// `read`, a short count means end of input.
pub fn read_full(reader: &mut impl std::io::Read, buffer: &mut [u8]) -> std::io::Result<usize> {
	let mut filled = 0;
	while filled < buffer.len() {
		match reader.read(&mut buffer[filled..]) {
			Ok(0) => break,
			Ok(read) => filled += read,
			Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {},
			Err(error) => return Err(error),
		}
	}
	Ok(filled)
}
