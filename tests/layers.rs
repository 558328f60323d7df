//! The library's layering (`src/lib.rs`): no import circle among its
//! modules, and nothing below render uses render. Read from the sources, so
//! a new `use` that breaks it fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The binary's modules, which may use anything.
const CLI_FACE: [&str; 7] = ["main", "cli", "run", "exit", "output", "pdf", "lib"];

/// Each top module of the library and the top modules its non-test code
/// names as `crate::…`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&root).unwrap();
            let top = relative
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_str()
                .unwrap()
                .trim_end_matches(".rs")
                .to_owned();
            if CLI_FACE.contains(&top.as_str()) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // A file's own tests may reach anywhere.
            let code = text.split("#[cfg(test)]\nmod ").next().unwrap();
            let names = graph.entry(top.clone()).or_default();
            for (at, _) in code.match_indices("crate::") {
                let name: String = code[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if name != top {
                    names.insert(name);
                }
            }
        }
    }
    graph
}

#[test]
fn nothing_below_render_uses_render() {
    let users: Vec<String> = imports()
        .into_iter()
        .filter(|(module, uses)| module != "render" && uses.contains("render"))
        .map(|(module, _)| module)
        .collect();
    assert!(users.is_empty(), "below render, these use it: {users:?}");
}

#[test]
fn the_library_has_no_import_circle() {
    let graph = imports();
    assert!(graph.len() > 20, "read {} modules", graph.len());
    // Depth-first, with the path: a module met again on the path closes a
    // circle.
    fn visit<'g>(
        module: &'g str,
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'g str>,
        done: &mut BTreeSet<&'g str>,
    ) -> Result<(), String> {
        if let Some(at) = path.iter().position(|m| *m == module) {
            return Err(format!("{} → {module}", path[at..].join(" → ")));
        }
        if !done.insert(module) {
            return Ok(());
        }
        path.push(module);
        for next in graph.get(module).into_iter().flatten() {
            if graph.contains_key(next) {
                visit(next, graph, path, done)?;
            }
        }
        path.pop();
        Ok(())
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        if let Err(circle) = visit(module, &graph, &mut Vec::new(), &mut done) {
            panic!("import circle: {circle}");
        }
    }
}
