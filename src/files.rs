//! Reading the files a run is given — datasets, rule files, the configuration — safely: regular
//! files only (a FIFO would hang the run, `/dev/zero` would fill memory), refused by their size
//! before they are read, and read in a bounded step, so a file that grows while it is read
//! still stops at the limit.

use std::io::Read;
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadFailure {
    /// Not a regular file: a folder, a FIFO, a device, a socket.
    NotAFile(&'static str),
    /// Larger than the limit, in bytes.
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(std::io::Error),
}

impl std::fmt::Display for ReadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadFailure::NotAFile(what) => write!(f, "it is {what}, not a regular file"),
            ReadFailure::TooLarge { size, limit } => {
                write!(f, "it is {size} bytes, over the limit of {limit} bytes")
            }
            ReadFailure::Io(e) => write!(f, "{e}"),
        }
    }
}

/// The bytes of the regular file at `path`, at most `limit` of them.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadFailure> {
    let metadata = std::fs::metadata(path).map_err(ReadFailure::Io)?;
    if !metadata.is_file() {
        return Err(ReadFailure::NotAFile(kind_of(&metadata)));
    }
    if metadata.len() > limit {
        return Err(ReadFailure::TooLarge { size: metadata.len(), limit });
    }
    let file = std::fs::File::open(path).map_err(ReadFailure::Io)?;
    if metadata.len() >= READ_IN_HALVES_FROM {
        if let Some(bytes) = read_in_halves(&file, metadata.len()) {
            return Ok(bytes);
        }
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(ReadFailure::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadFailure::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// Files from this size are read in two halves at once, on two threads: most of reading a
/// large file is the kernel faulting in and filling the pages of the new buffer, which two
/// cores do in about half the time (a 148 MB file: 75–95 ms in one piece).
const READ_IN_HALVES_FROM: u64 = 4 << 20;

/// The `size` bytes of `file`, read in two halves at once; `None` if the file is no longer
/// `size` bytes long (it changed while it was read: the caller reads it again in one piece)
/// or a half could not be read.
#[cfg(unix)]
fn read_in_halves(file: &std::fs::File, size: u64) -> Option<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let mut bytes = vec![0; usize::try_from(size).ok()?];
    let half = bytes.len() / 2;
    let (first, second) = bytes.split_at_mut(half);
    let read = std::thread::scope(|scope| {
        let other = scope.spawn(|| file.read_exact_at(second, half as u64));
        let this = file.read_exact_at(first, 0);
        this.and(other.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    });
    let grew = file.read_at(&mut [0], size).map_or(true, |n| n > 0);
    (read.is_ok() && !grew).then_some(bytes)
}

#[cfg(not(unix))]
fn read_in_halves(_: &std::fs::File, _: u64) -> Option<Vec<u8>> {
    None
}

/// The text of the regular file at `path`, at most `limit` bytes of UTF-8.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadFailure> {
    String::from_utf8(read(path, limit)?).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        ReadFailure::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not UTF-8 text (byte {at})")))
    })
}

/// Replaces the file at `path` with `bytes` atomically: written beside it under a temporary
/// name, synced, given the old file's permissions, then renamed over it, so a reader sees the
/// old file or the new one, never half of one. A symbolic link is followed: its target is
/// replaced, the link stays.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temporary = folder.join(format!(".{name}.yosan-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(metadata) = std::fs::metadata(&target) {
            std::fs::set_permissions(&temporary, metadata.permissions())?;
        }
        std::fs::rename(&temporary, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

fn kind_of(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = metadata.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if metadata.is_dir() {
        "a folder"
    } else {
        "something else"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_folders_are_refused_and_sizes_are_bounded() {
        assert!(matches!(read(Path::new("/dev/zero"), 1024), Err(ReadFailure::NotAFile("a device"))));
        assert!(matches!(read(Path::new("/"), 1024), Err(ReadFailure::NotAFile("a folder"))));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "x".repeat(2000)).unwrap();
        assert!(matches!(read(&file, 1000), Err(ReadFailure::TooLarge { size: 2000, limit: 1000 })));
        assert_eq!(read(&file, 2000).unwrap().len(), 2000);
    }

    #[test]
    fn a_large_file_read_in_halves_is_read_whole_and_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("big.yaml");
        // An odd length, so that the halves differ, and no two neighbouring kilobytes alike.
        let bytes: Vec<u8> =
            (0..READ_IN_HALVES_FROM as usize + 4099).map(|i| (i % 251) as u8 ^ (i >> 10) as u8).collect();
        std::fs::write(&file, &bytes).unwrap();
        assert!(read(&file, bytes.len() as u64).unwrap() == bytes);
        let opened = std::fs::File::open(&file).unwrap();
        assert!(read_in_halves(&opened, bytes.len() as u64 - 1).is_none(), "a file longer than its size is read again");
        assert!(read_in_halves(&opened, bytes.len() as u64 + 1).is_none(), "and so is a shorter one");
    }

    #[test]
    fn an_atomic_write_replaces_the_target_of_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "old").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&file, dir.path().join("link.yaml")).unwrap();
        #[cfg(unix)]
        write_atomically(&dir.path().join("link.yaml"), b"new").unwrap();
        #[cfg(not(unix))]
        write_atomically(&file, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(names.len() <= 2, "a temporary file was left: {names:?}");
    }
}
