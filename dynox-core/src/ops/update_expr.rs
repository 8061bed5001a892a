//! Update expressions: the actions of an UpdateItem, rendered with placeholders.

use crate::condition::RawPath;
use crate::expr::Placeholders;
use crate::AttributeValue;

/// How a `SET` action computes its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SetValue {
    /// `path = :v`
    Value(AttributeValue),
    /// `path = if_not_exists(path, :v)`
    IfNotExists(AttributeValue),
    /// `path = if_not_exists(path, 0) + :v` (or `-`): works on a missing attribute.
    Add(AttributeValue, bool),
    /// `path = list_append(if_not_exists(path, []), :v)`
    Append(AttributeValue),
    /// `path = list_append(:v, if_not_exists(path, []))`
    Prepend(AttributeValue),
}

/// The actions of one update, in the order they were added within each clause.
#[derive(Debug, Default, Clone)]
pub(crate) struct UpdateActions {
    set: Vec<(RawPath, SetValue)>,
    remove: Vec<RawPath>,
    add: Vec<(RawPath, AttributeValue)>,
    delete: Vec<(RawPath, AttributeValue)>,
}

impl UpdateActions {
    /// `SET path = value`; an absent value (`None`, empty set) removes the
    /// attribute instead, as absent is what the field then holds.
    pub(crate) fn set(&mut self, path: RawPath, value: Option<AttributeValue>) {
        match value {
            Some(v) => self.set.push((path, SetValue::Value(v))),
            None => self.remove.push(path),
        }
    }

    pub(crate) fn set_with(&mut self, path: RawPath, value: SetValue) {
        self.set.push((path, value));
    }

    pub(crate) fn remove(&mut self, path: RawPath) {
        self.remove.push(path);
    }

    /// `ADD path :v`; adding an empty set is a no-op DynamoDB would reject, so it is dropped.
    pub(crate) fn add(&mut self, path: RawPath, value: Option<AttributeValue>) {
        if let Some(v) = value {
            self.add.push((path, v));
        }
    }

    /// `DELETE path :v` (set members); an empty set deletes nothing.
    pub(crate) fn delete(&mut self, path: RawPath, value: Option<AttributeValue>) {
        if let Some(v) = value {
            self.delete.push((path, v));
        }
    }

    /// Whether an action writes the top-level attribute `name`.
    pub(crate) fn touches(&self, name: &str) -> bool {
        let top = |path: &RawPath| path.top_level() == Some(name);
        self.set.iter().any(|(p, _)| top(p))
            || self.remove.iter().any(top)
            || self.add.iter().any(|(p, _)| top(p))
            || self.delete.iter().any(|(p, _)| top(p))
    }

    /// The values this update stores or adds, with the attribute each goes to.
    pub(crate) fn values(&self) -> impl Iterator<Item = (&RawPath, &AttributeValue)> {
        let set = self.set.iter().map(|(p, v)| match v {
            SetValue::Value(v)
            | SetValue::IfNotExists(v)
            | SetValue::Add(v, _)
            | SetValue::Append(v)
            | SetValue::Prepend(v) => (p, v),
        });
        set.chain(self.add.iter().map(|(p, v)| (p, v)))
    }

    /// The values that `SET` stores whole into the top-level attribute
    /// `name` (to encrypt them).
    pub(crate) fn whole_values_mut<'s>(
        &'s mut self,
        name: &'s str,
    ) -> impl Iterator<Item = &'s mut AttributeValue> + 's {
        self.set.iter_mut().filter_map(move |(path, value)| {
            let whole = path.0.len() == 1 && path.top_level() == Some(name);
            match value {
                SetValue::Value(v) | SetValue::IfNotExists(v) if whole => Some(v),
                _ => None,
            }
        })
    }

    /// Keeps stored values of the `write_once` attributes: a set of one
    /// becomes `if_not_exists`, a removal of one is dropped.
    pub(crate) fn keep_once(&mut self, write_once: &[&str]) {
        let once = |path: &RawPath| path.top_level().is_some_and(|n| write_once.contains(&n));
        for (path, value) in &mut self.set {
            if once(path) {
                if let SetValue::Value(v) = value {
                    *value =
                        SetValue::IfNotExists(std::mem::replace(v, AttributeValue::Null(true)));
                }
            }
        }
        self.remove.retain(|path| !once(path));
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.set.is_empty()
            && self.remove.is_empty()
            && self.add.is_empty()
            && self.delete.is_empty()
    }

    /// `SET #n0 = :v0, ... REMOVE #n1 ADD #n2 :v1 DELETE #n3 :v2`
    pub(crate) fn render(&self, p: &mut Placeholders) -> String {
        let mut clauses: Vec<String> = Vec::new();
        if !self.set.is_empty() {
            let parts: Vec<String> = self
                .set
                .iter()
                .map(|(path, value)| {
                    let target = path.render(p);
                    let rhs = match value {
                        SetValue::Value(v) => p.value(v.clone()),
                        SetValue::IfNotExists(v) => {
                            format!("if_not_exists({target}, {})", p.value(v.clone()))
                        }
                        SetValue::Add(v, positive) => {
                            let zero = p.value(AttributeValue::N("0".into()));
                            let v = p.value(v.clone());
                            let op = if *positive { '+' } else { '-' };
                            format!("if_not_exists({target}, {zero}) {op} {v}")
                        }
                        SetValue::Append(v) => {
                            let empty = p.value(AttributeValue::L(Vec::new()));
                            format!(
                                "list_append(if_not_exists({target}, {empty}), {})",
                                p.value(v.clone())
                            )
                        }
                        SetValue::Prepend(v) => {
                            let v = p.value(v.clone());
                            let empty = p.value(AttributeValue::L(Vec::new()));
                            format!("list_append({v}, if_not_exists({target}, {empty}))")
                        }
                    };
                    format!("{target} = {rhs}")
                })
                .collect();
            clauses.push(format!("SET {}", parts.join(", ")));
        }
        if !self.remove.is_empty() {
            let parts: Vec<String> = self.remove.iter().map(|path| path.render(p)).collect();
            clauses.push(format!("REMOVE {}", parts.join(", ")));
        }
        for (keyword, actions) in [("ADD", &self.add), ("DELETE", &self.delete)] {
            if !actions.is_empty() {
                let parts: Vec<String> = actions
                    .iter()
                    .map(|(path, v)| format!("{} {}", path.render(p), p.value(v.clone())))
                    .collect();
                clauses.push(format!("{keyword} {}", parts.join(", ")));
            }
        }
        clauses.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(name: &'static str) -> RawPath {
        RawPath::attribute(name)
    }

    #[test]
    fn renders_every_clause_with_placeholders() {
        let mut a = UpdateActions::default();
        a.set(path("name"), Some(AttributeValue::S("x".into())));
        a.set(path("status"), Some(AttributeValue::S("#:. y".into())));
        a.remove(path("email"));
        a.set(path("tags"), None);
        a.set_with(
            path("n"),
            SetValue::Add(AttributeValue::N("2".into()), true),
        );
        a.add(path("count"), Some(AttributeValue::N("1".into())));
        a.delete(path("set"), Some(AttributeValue::Ss(vec!["a".into()])));
        let mut p = Placeholders::default();
        assert_eq!(
            a.render(&mut p),
            "SET #n0 = :v0, #n1 = :v1, #n2 = if_not_exists(#n2, :v2) + :v3 \
             REMOVE #n3, #n4 ADD #n5 :v4 DELETE #n6 :v5"
        );
        let (names, values) = p.finish();
        let names = names.expect("names");
        assert_eq!(names["#n1"], "status");
        assert_eq!(names["#n4"], "tags");
        assert_eq!(
            values.expect("values")[":v1"],
            AttributeValue::S("#:. y".into())
        );
    }
}
