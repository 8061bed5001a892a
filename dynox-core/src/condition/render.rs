//! A condition's tree as DynamoDB's expression text, with every name and
//! value a placeholder.

use super::Node;
use crate::expr::Placeholders;
use crate::AttributeValue;

pub(super) fn render(node: &Node, p: &mut Placeholders) -> Option<String> {
    Some(match node {
        Node::Compare(path, cmp, v) => {
            format!("{} {} {}", path.render(p), cmp.symbol(), p.value(v.clone()))
        }
        Node::Between(path, lo, hi) => {
            format!(
                "{} BETWEEN {} AND {}",
                path.render(p),
                p.value(lo.clone()),
                p.value(hi.clone())
            )
        }
        Node::BeginsWith(path, v) => {
            format!("begins_with({}, {})", path.render(p), p.value(v.clone()))
        }
        Node::Contains(path, v) => format!("contains({}, {})", path.render(p), p.value(v.clone())),
        Node::In(path, values) => {
            if values.is_empty() {
                return render(&Node::Never, p);
            }
            let path = path.render(p);
            let list: Vec<String> = values.iter().map(|v| p.value(v.clone())).collect();
            format!("{path} IN ({})", list.join(", "))
        }
        Node::Exists(path) => format!("attribute_exists({})", path.render(p)),
        Node::NotExists(path) => format!("attribute_not_exists({})", path.render(p)),
        Node::Type(path, t) => format!(
            "attribute_type({}, {})",
            path.render(p),
            p.value(AttributeValue::S(t.as_str().to_owned()))
        ),
        Node::Size(path, cmp, v) => format!(
            "size({}) {} {}",
            path.render(p),
            cmp.symbol(),
            p.value(v.clone())
        ),
        Node::SizeBetween(path, lo, hi) => format!(
            "size({}) BETWEEN {} AND {}",
            path.render(p),
            p.value(lo.clone()),
            p.value(hi.clone())
        ),
        Node::All(nodes) => {
            let parts: Vec<String> = nodes.iter().filter_map(|n| render(n, p)).collect();
            match parts.len() {
                0 => return None,
                1 => parts.into_iter().next().unwrap_or_default(),
                _ => format!("({})", parts.join(" AND ")),
            }
        }
        Node::Any(nodes) => {
            let mut parts = Vec::with_capacity(nodes.len());
            for n in nodes {
                match render(n, p) {
                    Some(text) => parts.push(text),
                    // one member always holds, so the whole `any` does
                    None => return None,
                }
            }
            match parts.len() {
                0 => return render(&Node::Never, p),
                1 => parts.into_iter().next().unwrap_or_default(),
                _ => format!("({})", parts.join(" OR ")),
            }
        }
        Node::Not(inner) => match render(inner, p) {
            Some(text) => format!("(NOT {text})"),
            None => return render(&Node::Never, p),
        },
        // DynamoDB has no `false` literal: no attribute both exists and does not.
        Node::Never => {
            let n = p.name("__dynox_never");
            format!("(attribute_exists({n}) AND attribute_not_exists({n}))")
        }
    })
}
