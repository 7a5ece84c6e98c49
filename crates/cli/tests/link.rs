//! `spanmark link` end to end on a Spanmark JSONL file that keeps the user's stories.

use std::process::Command;

const DAM_A: &str = "The Orlan Dam collapsed above Dunmere on Saturday. Governor Mirela Tovanic said \
rescue crews from Halvik reached the Sable River villages by boat, and the relief agency opened shelters.";
const DAM_B: &str = "Rescue crews reached Dunmere and Halvik by boat after the Orlan Dam collapse. \
Governor Mirela Tovanic said the Sable River villages were flooded and the relief agency opened shelters.";
const FERRY: &str =
    "The Lindmark harbour council voted to add two evening ferries to the island route. \
Council member Jonas Ebbe said islanders asked for a decade.";

/// A native JSONL line without spans, in story `story` (named `name`) when given.
fn line(id: &str, text: &str, story: Option<(&str, Option<&str>)>) -> String {
    let mut v = serde_json::json!({"schema": "spanmark/1", "offset_unit": "codepoint", "id": id,
        "title": id, "added_at": 0, "text": text, "spans": [], "relations": []});
    if let Some((story, name)) = story {
        v["story"] = story.into();
        if let Some(name) = name {
            v["story_name"] = name.into();
        }
    }
    v.to_string()
}

fn link(file: &str, extra: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_spanmark"))
        .arg("link")
        .arg(file)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn kept_stories_are_used_and_regroup_ignores_them() {
    let d = std::env::temp_dir().join(format!("spanmark-link-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let file = d.join("ws.jsonl");
    // The user merged the ferry article into the dam story and named it; "b" came in later.
    let lines = [
        line("a", DAM_A, Some(("s1", Some("Everything")))),
        line("f", FERRY, Some(("s1", Some("Everything")))),
        line("b", DAM_B, None),
    ];
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let file = file.to_string_lossy().into_owned();
    let kept = link(&file, &["--json"]);
    assert_eq!(
        kept["stories"],
        serde_json::json!([{"id": "s1", "documents": ["a", "f", "b"]}])
    );
    let fresh = link(&file, &["--json", "--regroup"]);
    assert_eq!(
        fresh["stories"],
        serde_json::json!([{"id": "s1", "documents": ["a", "b"]}, {"id": "s2", "documents": ["f"]}])
    );
    // The links file carries the user's name.
    let out = d.join("links.jsonl");
    link(&file, &["--json", "--jsonl", &out.to_string_lossy()]);
    let text = std::fs::read_to_string(&out).unwrap();
    let story: serde_json::Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    assert_eq!(story["name"], "Everything");
    assert_eq!(story["renamed"], true);
}
