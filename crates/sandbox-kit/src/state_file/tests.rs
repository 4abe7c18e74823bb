use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::*;

type Data = BTreeMap<String, String>;

fn data(n: usize, fill: &str) -> Data {
    (0..n)
        .map(|i| (format!("k{i}"), fill.repeat(100)))
        .collect()
}

fn open(path: &Path) -> Result<(StateFile, Option<Data>), StateFileError> {
    StateFile::open(path, "toy", 1)
}

#[test]
fn what_is_saved_is_what_the_next_open_reads() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let path = dir.path().join("state.json");
    let (file, loaded) = open(&path).expect("a missing file is no error");
    assert_eq!(loaded, None);
    file.save(&data(3, "a")).expect("saved");
    let (_, loaded) = open(&path).expect("readable");
    assert_eq!(loaded, Some(data(3, "a")));
    let names: Vec<_> = fs::read_dir(dir.path())
        .expect("listable")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["state.json"], "no temporary file is left behind");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "state files hold secrets");
    }
}

#[test]
fn a_corrupt_or_foreign_file_is_an_error_naming_it_not_an_empty_state() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let path = dir.path().join("state.json");
    let cases = [
        (
            "{\"format\": \"toy\", \"version\": 1, \"da",
            "not a sandbox state file",
        ),
        ("", "not a sandbox state file"),
        (
            r#"{"format": "other", "version": 1, "data": {}}"#,
            "\"other\"",
        ),
        (
            r#"{"format": "toy", "version": 2, "data": {}}"#,
            "version 2",
        ),
        (
            r#"{"format": "toy", "version": 1, "data": [1]}"#,
            "invalid type",
        ),
    ];
    for (text, reason) in cases {
        fs::write(&path, text).expect("written");
        let error = open(&path).expect_err(text).to_string();
        assert!(error.contains(&path.display().to_string()), "{error}");
        assert!(error.contains(reason), "{error}");
        assert_eq!(
            fs::read_to_string(&path).expect("kept"),
            text,
            "left as it was"
        );
    }
    let error = open(dir.path())
        .expect_err("a directory is no file")
        .to_string();
    assert!(error.starts_with("cannot read the state file"), "{error}");
}

#[test]
fn a_write_cut_short_leaves_the_previous_content() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let path = dir.path().join("state.json");
    let (file, _) = open(&path).expect("opened");
    file.save(&data(2, "old")).expect("saved");
    // A sandbox killed while writing leaves at most a partial temporary file.
    fs::write(file.temporary_path(), "{\"format\": \"toy\", \"vers").expect("written");
    let (file, loaded) = open(&path).expect("still readable");
    assert_eq!(loaded, Some(data(2, "old")));
    file.save(&data(2, "new"))
        .expect("the next save overwrites the leftover");
    assert_eq!(open(&path).expect("readable").1, Some(data(2, "new")));
}

#[test]
fn a_reader_never_sees_a_mix_of_two_saves() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let path = dir.path().join("state.json");
    let (file, _) = open(&path).expect("opened");
    let (small, large) = (data(1, "s"), data(400, "l"));
    file.save(&small).expect("saved");
    let done = Arc::new(AtomicBool::new(false));
    let writer = {
        let done = Arc::clone(&done);
        let (small, large) = (small.clone(), large.clone());
        std::thread::spawn(move || {
            for i in 0..200 {
                file.save(if i % 2 == 0 { &large } else { &small })
                    .expect("saved");
            }
            done.store(true, Ordering::SeqCst);
        })
    };
    let mut reads = 0;
    while !done.load(Ordering::SeqCst) {
        let (_, loaded) = open(&path).expect("always a whole file");
        let loaded = loaded.expect("the file exists");
        assert!(loaded == small || loaded == large, "a mix of two saves");
        reads += 1;
    }
    writer.join().expect("the writer finished");
    assert!(reads > 0);
}
