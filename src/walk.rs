//! Finding the dataset files under the paths given: every `.yaml`/`.yml` below a folder, in
//! path order; a file named explicitly is always taken.

use std::path::{Path, PathBuf};

use crate::engine::RunError;

/// The files to check, each once, in a stable order.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, RunError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.is_dir() {
            return Err(RunError::Missing(path.clone()));
        }
        let mut found = Vec::new();
        for entry in ignore::WalkBuilder::new(path).standard_filters(false).hidden(true).build() {
            let entry = entry.map_err(|e| RunError::Walk(e.to_string()))?;
            if entry.file_type().is_some_and(|t| t.is_file()) && is_yaml(entry.path()) {
                found.push(entry.into_path());
            }
        }
        found.sort();
        files.extend(found);
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    Ok(files)
}

fn is_yaml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yaml" || e == "yml")
}
