//! Bringing documents and label sets into a workspace: imported files (id clashes, labels the
//! workspace lacks, shortcut keys for them), shared label sets, and the full saved workspace read
//! in behind a partly loaded one.

use std::collections::{HashMap, HashSet};

use crate::labels::RESERVED_KEYS;
use crate::link::StoryId;
use crate::model::{Document, DocumentId, Label, LabelSet, Workspace};

/// What [`add_documents`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Added {
    /// The ids the documents were added under, in order.
    pub ids: Vec<DocumentId>,
    /// How many had an id already in use and got a new one.
    pub renamed: usize,
    /// Names of labels the spans used that the label set lacked, added to it.
    pub new_labels: Vec<String>,
}

/// The first shortcut key not yet bound in `set`: digits 1–9, then the letters a label may use.
/// `None` when every one is taken (the label then has no key; it can still be clicked).
pub fn free_key(set: &LabelSet) -> Option<char> {
    ('1'..='9')
        .chain('a'..='z')
        .filter(|k| !RESERVED_KEYS.contains(k))
        .find(|k| set.by_key(*k).is_none())
}

fn unlabelled(name: &str, key: Option<char>) -> Label {
    Label {
        name: name.to_string(),
        colour: String::new(),
        key: key.unwrap_or(' '),
        description: String::new(),
        attributes: vec![],
    }
}

/// Adds imported documents to `ws`: an id already in use gets a suffix (`-2`, `-3`, …), a missing
/// date becomes `now`, and labels the spans use that the set lacks join it with a free key.
pub fn add_documents(ws: &mut Workspace, docs: Vec<Document>, now: u64) -> Added {
    let mut added = Added::default();
    let mut taken: HashSet<DocumentId> = ws.documents.iter().map(|d| d.id.clone()).collect();
    let mut stories = StoryIds::new(ws, &docs);
    for mut doc in docs {
        if let Some(story) = &mut doc.story {
            story.id = stories.own(&story.id);
        }
        if taken.contains(&doc.id) {
            let base = doc.id.0.clone();
            let mut n = 2;
            while taken.contains(&DocumentId(format!("{base}-{n}"))) {
                n += 1;
            }
            doc.id = DocumentId(format!("{base}-{n}"));
            added.renamed += 1;
        }
        taken.insert(doc.id.clone());
        if doc.added_at == 0 {
            doc.added_at = now;
        }
        for span in &doc.spans {
            if ws.labels.by_name(&span.label).is_none() {
                let key = free_key(&ws.labels);
                ws.labels.labels.push(unlabelled(&span.label, key));
                added.new_labels.push(span.label.clone());
            }
        }
        added.ids.push(doc.id.clone());
        ws.documents.push(doc);
    }
    added
}

/// Story ids for imported documents. An imported story whose id the workspace already uses gets a
/// fresh one, the same for all its documents: another workspace's "s1" is another story, and would
/// otherwise join this one's "s1".
struct StoryIds {
    /// Ids in the workspace or in the import: a fresh id is none of them.
    used: HashSet<StoryId>,
    /// Imported id → the id it is stored under.
    own: HashMap<StoryId, StoryId>,
    in_workspace: HashSet<StoryId>,
}

impl StoryIds {
    fn new(ws: &Workspace, imported: &[Document]) -> Self {
        let ids = |docs: &[Document]| -> HashSet<StoryId> {
            docs.iter()
                .filter_map(|d| d.story.as_ref().map(|s| s.id.clone()))
                .collect()
        };
        let in_workspace = ids(&ws.documents);
        StoryIds {
            used: in_workspace.union(&ids(imported)).cloned().collect(),
            own: HashMap::new(),
            in_workspace,
        }
    }

    fn own(&mut self, imported: &StoryId) -> StoryId {
        if let Some(id) = self.own.get(imported) {
            return id.clone();
        }
        let id = if self.in_workspace.contains(imported) {
            let next = (1..)
                .map(|n| StoryId(format!("s{n}")))
                .find(|id| !self.used.contains(id))
                .expect("a free id");
            self.used.insert(next.clone());
            next
        } else {
            imported.clone()
        };
        self.own.insert(imported.clone(), id.clone());
        id
    }
}

/// Adds the labels of a shared set that `ws` lacks (by name). A label keeps its key when it is
/// free, else it gets a free one. Returns the names added.
pub fn merge_labels(ws: &mut Workspace, set: LabelSet) -> Vec<String> {
    let mut added = vec![];
    for mut label in set.labels {
        if ws.labels.by_name(&label.name).is_some() {
            continue;
        }
        if label.key != ' ' && ws.labels.by_key(label.key).is_some() {
            label.key = free_key(&ws.labels).unwrap_or(' ');
        }
        added.push(label.name.clone());
        ws.labels.labels.push(label);
    }
    added
}

/// Puts the fully read saved workspace behind the partial one start-up showed, keeping what was
/// read or made meanwhile: documents in memory (perhaps edited) win over their saved copy,
/// documents removed meanwhile stay removed, documents added meanwhile go last (oldest first),
/// and the label set in memory is kept.
pub fn merge_loaded(ws: &mut Workspace, saved: Workspace, removed: &HashSet<DocumentId>) {
    let mut in_memory: HashMap<DocumentId, Document> =
        ws.documents.drain(..).map(|d| (d.id.clone(), d)).collect();
    let mut documents = Vec::with_capacity(saved.documents.len() + in_memory.len());
    for saved in saved.documents {
        if removed.contains(&saved.id) {
            continue;
        }
        documents.push(in_memory.remove(&saved.id).unwrap_or(saved));
    }
    let mut added: Vec<Document> = in_memory.into_values().collect();
    added.sort_by(|a, b| (a.added_at, &a.id).cmp(&(b.added_at, &b.id)));
    documents.extend(added);
    ws.documents = documents;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Span, SpanId};
    use crate::offsets::CharOffset;

    fn doc(id: &str, labels: &[&str]) -> Document {
        let mut d = Document::new(
            DocumentId(id.into()),
            id,
            "Officials said 40 people left.",
            0,
        );
        for (i, l) in labels.iter().enumerate() {
            d.spans.push(Span {
                id: SpanId(i as u64 + 1),
                start: CharOffset(0),
                end: CharOffset(9),
                label: (*l).into(),
                note: String::new(),
                attributes: Default::default(),
            });
        }
        d
    }

    #[test]
    fn imported_stories_keep_their_ids_unless_the_workspace_uses_them() {
        use crate::model::DocStory;
        let in_story = |id: &str, story: &str, name: Option<&str>| {
            let mut d = doc(id, &[]);
            d.story = Some(DocStory {
                id: StoryId(story.into()),
                name: name.map(String::from),
            });
            d
        };
        let mut ws = Workspace::default();
        ws.documents.push(in_story("a", "s1", Some("Floods")));
        ws.documents.push(in_story("b", "s2", None));
        let imported = vec![
            in_story("c", "s1", Some("Election")),
            in_story("d", "s1", Some("Election")),
            in_story("e", "s3", None),
            in_story("f", "s2", None),
            doc("g", &[]),
        ];
        add_documents(&mut ws, imported, 5);
        let story = |id: &str| {
            let d = ws.document(&DocumentId(id.into())).unwrap();
            d.story.as_ref().map(|s| (s.id.0.clone(), s.name.clone()))
        };
        // s1 and s2 are taken here: the imported ones become s4 and s5 (s3 is the import's own).
        assert_eq!(story("a"), Some(("s1".into(), Some("Floods".into()))));
        assert_eq!(story("c"), Some(("s4".into(), Some("Election".into()))));
        assert_eq!(story("d"), Some(("s4".into(), Some("Election".into()))));
        assert_eq!(story("e"), Some(("s3".into(), None)));
        assert_eq!(story("f"), Some(("s5".into(), None)));
        assert_eq!(story("g"), None);
    }

    #[test]
    fn clashing_ids_get_a_suffix_and_dates_are_filled() {
        let mut ws = Workspace::default();
        ws.documents.push(doc("a", &[]));
        ws.documents.push(doc("a-2", &[]));
        let added = add_documents(&mut ws, vec![doc("a", &[]), doc("b", &[])], 99);
        assert_eq!(
            added.ids,
            vec![DocumentId("a-3".into()), DocumentId("b".into())]
        );
        assert_eq!(added.renamed, 1);
        assert!(ws.documents[2..].iter().all(|d| d.added_at == 99));
    }

    #[test]
    fn a_tenth_imported_label_gets_a_key_the_label_set_accepts() {
        let mut ws = Workspace::default();
        let names: Vec<String> = (0..12).map(|i| format!("label{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        add_documents(&mut ws, vec![doc("a", &refs)], 1);
        // Every key assigned is valid, so later label edits (validated) still go through.
        crate::labels::validate(&ws.labels).expect("valid label set");
        let keys: Vec<char> = ws.labels.labels.iter().map(|l| l.key).collect();
        assert!(!keys.contains(&'0'));
        // The default set binds 1–4: 5–9, then letters that are not reserved.
        assert_eq!(ws.labels.by_name("label4").map(|l| l.key), Some('9'));
        assert_eq!(ws.labels.by_name("label5").map(|l| l.key), Some('b'));
        assert_eq!(
            ws.labels.labels.len(),
            LabelSet::default().labels.len() + 12
        );
    }

    #[test]
    fn merged_labels_keep_a_free_key_and_get_another_when_taken() {
        let mut ws = Workspace::default();
        let shared = LabelSet {
            labels: vec![
                unlabelled("quote", Some('7')),
                unlabelled("outlet", Some('1')),
                unlabelled("place", Some('8')),
            ],
            ..LabelSet::default()
        };
        let added = merge_labels(&mut ws, shared);
        assert_eq!(added, vec!["outlet".to_string(), "place".to_string()]);
        assert_eq!(ws.labels.by_name("outlet").map(|l| l.key), Some('5'));
        assert_eq!(ws.labels.by_name("place").map(|l| l.key), Some('8'));
        crate::labels::validate(&ws.labels).expect("valid label set");
    }

    #[test]
    fn loaded_documents_yield_to_those_in_memory() {
        let mut ws = Workspace::default();
        let mut edited = doc("b", &["quote"]);
        edited.title = "edited".into();
        let mut new = doc("z", &[]);
        new.added_at = 5;
        ws.documents = vec![edited, new];
        let saved = Workspace {
            documents: vec![doc("a", &[]), doc("b", &[]), doc("c", &[])],
            labels: LabelSet::default(),
        };
        let removed: HashSet<DocumentId> = [DocumentId("c".into())].into();
        merge_loaded(&mut ws, saved, &removed);
        let ids: Vec<&str> = ws.documents.iter().map(|d| d.id.0.as_str()).collect();
        assert_eq!(ids, vec!["a", "b", "z"]);
        assert_eq!(ws.documents[1].title, "edited");
    }
}
