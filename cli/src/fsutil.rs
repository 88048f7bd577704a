//! Output files that appear whole or not at all.
//!
//! Everything the tool writes goes to a hidden temporary file beside the destination first
//! (`.aegis-….partial`, created with owner-only permissions) and is renamed into place only
//! once it is complete and on disk: an error, a tampered input or Ctrl-C never leaves a
//! partial or unauthenticated file behind. Temporary files are removed on drop, and on SIGINT
//! or SIGTERM by [`remove_partial_files_on_signal`]; only SIGKILL or a crash can leave one (a
//! hidden file, readable by its owner only).

use std::{
	collections::HashSet,
	fs::File,
	io::{BufWriter, Write},
	path::{Path, PathBuf},
	sync::{Mutex, PoisonError},
};

use anyhow::{bail, Context, Result};
use tempfile::NamedTempFile;

/// Temporary files not yet renamed into place, for the signal handler to remove.
static PARTIAL_FILES: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

fn partial_files() -> std::sync::MutexGuard<'static, Option<HashSet<PathBuf>>> {
	PARTIAL_FILES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes every temporary file still being written when the process gets SIGINT or SIGTERM,
/// then exits with 130. Call once at start-up.
pub fn remove_partial_files_on_signal() -> Result<()> {
	let runtime = tokio::runtime::Builder::new_current_thread()
		.enable_io()
		.build()
		.context("cannot start the signal watcher")?;
	std::thread::Builder::new()
		.name("signals".into())
		.spawn(move || {
			runtime.block_on(async {
				#[cfg(unix)]
				{
					use tokio::signal::unix::{signal, SignalKind};
					let (Ok(mut interrupt), Ok(mut terminate)) =
						(signal(SignalKind::interrupt()), signal(SignalKind::terminate()))
					else {
						return;
					};
					tokio::select! {
						_ = interrupt.recv() => {},
						_ = terminate.recv() => {},
					}
				}
				#[cfg(not(unix))]
				if tokio::signal::ctrl_c().await.is_err() {
					return;
				}
				// Holding the lock keeps a commit from renaming a file while it is removed.
				let mut files = partial_files();
				for path in files.take().unwrap_or_default() {
					let _ = std::fs::remove_file(path);
				}
				eprintln!("interrupted: no output written");
				std::process::exit(130);
			})
		})
		.context("cannot start the signal watcher")?;
	Ok(())
}

/// A file being written to `destination`; dropped without [`AtomicFile::commit`], it vanishes.
pub struct AtomicFile {
	destination: PathBuf,
	overwrite: bool,
	// Fields drop in order: the temporary file is removed before it leaves the signal
	// handler's list, so no moment exists when neither would remove it.
	writer: BufWriter<NamedTempFile>,
	_registration: Registration,
}

/// A temporary file's entry in the signal handler's list, removed on drop.
struct Registration(PathBuf);

impl Drop for Registration {
	fn drop(&mut self) {
		if let Some(files) = partial_files().as_mut() {
			files.remove(&self.0);
		}
	}
}

impl AtomicFile {
	/// Starts writing `destination`. Refuses at once if it exists and `overwrite` is false, so
	/// that long work is not done for nothing.
	pub fn create(destination: &Path, overwrite: bool) -> Result<Self> {
		Self::with_buffer(destination, overwrite, 1 << 20)
	}

	/// Like [`AtomicFile::create`], for secrets: writes go straight to the file, so no copy of
	/// them is left in a freed buffer.
	pub fn create_unbuffered(destination: &Path, overwrite: bool) -> Result<Self> {
		Self::with_buffer(destination, overwrite, 0)
	}

	fn with_buffer(destination: &Path, overwrite: bool, capacity: usize) -> Result<Self> {
		if !overwrite && destination.exists() {
			bail!("{} already exists (pass --force to replace it)", destination.display());
		}
		let directory = parent_directory(destination);
		let temporary = tempfile::Builder::new()
			.prefix(".aegis-")
			.suffix(".partial")
			.tempfile_in(directory)
			.with_context(|| format!("cannot create a file in {}", directory.display()))?;
		let path = temporary.path().to_path_buf();
		partial_files().get_or_insert_with(HashSet::new).insert(path.clone());
		Ok(Self {
			destination: destination.to_path_buf(),
			overwrite,
			writer: BufWriter::with_capacity(capacity, temporary),
			_registration: Registration(path),
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

	/// Flushes the file and waits until it is on disk, so that [`AtomicFile::commit`] only
	/// has the rename left to do (see [`commit_all`]).
	pub fn sync(&mut self) -> Result<()> {
		self.writer.flush().context("cannot write the output file")?;
		self.writer
			.get_ref()
			.as_file()
			.sync_all()
			.context("cannot write the output file to disk")
	}

	/// Syncs the file and renames it into place.
	pub fn commit(mut self) -> Result<()> {
		self.sync()?;
		let Self { destination, overwrite, writer, _registration: registration } = self;
		let temporary = writer.into_inner().map_err(|error| error.into_error())?;
		// Holding the lock keeps the signal handler from removing the file mid-rename.
		let mut files = partial_files();
		let result = if overwrite {
			temporary.persist(&destination).map(drop)
		} else {
			temporary.persist_noclobber(&destination).map(drop)
		};
		if let Some(files) = files.as_mut() {
			files.remove(&registration.0);
		}
		drop(files);
		drop(registration);
		result.map_err(|error| error.error).with_context(|| {
			format!("cannot move the finished file to {}", destination.display())
		})?;
		// The rename itself is on disk once the directory is.
		if let Ok(directory) = File::open(parent_directory(&destination)) {
			let _ = directory.sync_all();
		}
		Ok(())
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

/// Writes all `files` to disk first, then renames them into place one after the other: a
/// full disk or a write error leaves every destination as it was.
pub fn commit_all(mut files: Vec<AtomicFile>) -> Result<()> {
	for file in &mut files {
		file.sync()?;
	}
	for file in files {
		file.commit()?;
	}
	Ok(())
}

fn parent_directory(path: &Path) -> &Path {
	match path.parent() {
		Some(parent) if !parent.as_os_str().is_empty() => parent,
		_ => Path::new("."),
	}
}

/// `contents` for `destination` with permission bits `mode`, ready to commit.
pub fn staged_file(
	destination: &Path,
	contents: &[u8],
	mode: u32,
	overwrite: bool,
) -> Result<AtomicFile> {
	let mut file = AtomicFile::create_unbuffered(destination, overwrite)?;
	file.write_all(contents)
		.with_context(|| format!("cannot write {}", destination.display()))?;
	#[cfg(unix)]
	file.set_mode(mode)?;
	#[cfg(not(unix))]
	let _ = mode;
	Ok(file)
}

/// Writes `contents` to `destination` whole or not at all, with permission bits `mode`.
pub fn write_file(destination: &Path, contents: &[u8], mode: u32, overwrite: bool) -> Result<()> {
	staged_file(destination, contents, mode, overwrite)?.commit()
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

/// Reads a small text file (a proof, a key, a passphrase) of at most `limit` bytes.
pub fn read_small_text(path: &Path, limit: u64, what: &str) -> Result<String> {
	use std::io::Read;
	let mut text = String::new();
	open(path)?
		.take(limit + 1)
		.read_to_string(&mut text)
		.with_context(|| format!("cannot read {what} {}", path.display()))?;
	if text.len() as u64 > limit {
		bail!("{} is too large to be {what} (more than {limit} bytes)", path.display());
	}
	Ok(text)
}

/// The first line of a small file that holds a secret (a passphrase, a secret URI), wiped from
/// memory on drop.
pub fn read_secret_line(path: &Path, what: &str) -> Result<zeroize::Zeroizing<String>> {
	let text = zeroize::Zeroizing::new(read_small_text(path, 64 << 10, what)?);
	Ok(zeroize::Zeroizing::new(text.lines().next().unwrap_or_default().to_string()))
}
