//! Finding the dataset files under the paths given: every `.yaml`/`.yml` below a folder, in
//! path order; a file named explicitly is always taken. Symbolic links are followed (a loop of
//! them is reported, not followed forever); a file reached twice, by two spellings or through
//! a link, is taken once; what cannot be listed or read is reported, and the rest is checked.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The files found, and the places that could not be listed or are not files.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    /// A path, and why it is not checked.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// A path given to the run that does not exist.
#[derive(Debug)]
pub struct Missing(pub PathBuf);

/// The files to check, each once, in a stable order.
pub fn discover(paths: &[PathBuf]) -> Result<Found, Missing> {
    let mut found = Found::default();
    let mut seen = HashSet::new();
    for path in paths {
        if !path.exists() {
            if std::fs::symlink_metadata(path).is_ok() {
                found.unreadable.push((path.clone(), "a symbolic link to nothing".into()));
                continue;
            }
            return Err(Missing(path.clone()));
        }
        if !path.is_dir() {
            take(path.clone(), &mut seen, &mut found);
            continue;
        }
        let mut below = Vec::new();
        for entry in ignore::WalkBuilder::new(path).standard_filters(false).hidden(true).follow_links(true).build() {
            match entry {
                Err(error) => found.unreadable.push((path_of(&error).unwrap_or(path).to_path_buf(), error.to_string())),
                Ok(entry) if !is_yaml(entry.path()) => {}
                Ok(entry) => match entry.file_type() {
                    Some(t) if t.is_dir() => {}
                    Some(t) if t.is_file() => below.push(entry.into_path()),
                    _ => found.unreadable.push((entry.into_path(), "not a regular file".into())),
                },
            }
        }
        below.sort();
        for file in below {
            take(file, &mut seen, &mut found);
        }
    }
    Ok(found)
}

/// Takes `path` unless the same file was taken already.
fn take(path: PathBuf, seen: &mut HashSet<PathBuf>, found: &mut Found) {
    match std::fs::canonicalize(&path) {
        Ok(canonical) => {
            if seen.insert(canonical) {
                found.files.push(path);
            }
        }
        Err(error) => found.unreadable.push((path, error.to_string())),
    }
}

fn path_of(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => path_of(err),
        _ => None,
    }
}

fn is_yaml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yaml" || e == "yml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_by_two_spellings_or_a_link_is_taken_once() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("d");
        std::fs::create_dir(&data).unwrap();
        std::fs::write(data.join("a.yaml"), "x: 1\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(data.join("a.yaml"), data.join("link.yaml")).unwrap();
        let again = data.join(".").join("a.yaml");
        let found = discover(&[data.clone(), again]).unwrap();
        assert_eq!(found.files, [data.join("a.yaml")]);
        assert!(found.unreadable.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn links_to_nothing_and_link_loops_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "x: 1\n").unwrap();
        std::os::unix::fs::symlink(dir.path().join("gone.yaml"), dir.path().join("broken.yaml")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let found = discover(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(found.files, [dir.path().join("a.yaml")]);
        let reported: Vec<&Path> = found.unreadable.iter().map(|(p, _)| p.as_path()).collect();
        assert!(reported.contains(&dir.path().join("broken.yaml").as_path()), "{reported:?}");
        assert!(reported.contains(&dir.path().join("loop").as_path()), "{reported:?}");
    }
}
