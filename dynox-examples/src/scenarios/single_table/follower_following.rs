//! Who follows whom, both ways: the table answers "whom does Alice
//! follow", the inverted index "who follows Bob".

use dynox_core::prelude::*;

/// One follow.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(
    table = "st_social",
    pk = "FOLLOWER#{follower}",
    sk = "FOLLOWING#{following}",
    gsi(
        name = "followers",
        pk_attribute = "sk",
        pk = "FOLLOWING#{following}",
        sk_attribute = "pk",
        sk = "FOLLOWER#{follower}"
    )
)]
pub struct Follow {
    pub follower: String,
    pub following: String,
}

/// Runs the scenario.
pub async fn run(db: &Dynox) -> Result<()> {
    Follow::create_table(db).if_not_exists().await?;
    let follows = [("alice", "bob"), ("alice", "charlie"), ("dave", "bob")];
    for (follower, following) in follows {
        Follow {
            follower: follower.into(),
            following: following.into(),
        }
        .save(db)
        .await?;
    }

    println!("Alice follows:");
    let alice = Follow::query(db, "alice").all().await?;
    for f in &alice {
        println!("  {}", f.following);
    }
    assert_eq!(alice.len(), 2);

    println!("Bob's followers:");
    let bob = Follow::followers().query(db, "bob").all().await?;
    for f in &bob {
        println!("  {}", f.follower);
    }
    let names: Vec<&str> = bob.iter().map(|f| f.follower.as_str()).collect();
    assert_eq!(names, ["alice", "dave"]);

    for (follower, following) in follows {
        Follow::delete_by_key(db, follower, following).await?;
    }
    Ok(())
}
