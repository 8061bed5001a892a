// the models every typed-API test uses
include!("shared/models.rs");

fn main() {
    let _ = User::AGE.contains(3);
}
