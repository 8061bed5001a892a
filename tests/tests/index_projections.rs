//! Index projections (ALL, KEYS_ONLY, INCLUDE) are created as declared, and
//! items read through an index hold only what it copies.

use dynox_core::prelude::*;
use dynox_core::IndexProjection;
use dynox_tests::backend_tests;
use dynox_tests::models::{Ticket, TicketKeys, TicketTitle};

backend_tests! {
    async fn projections_copy_only_what_they_declare(db: Dynox) -> Result<()> {
        assert_eq!(Ticket::SCHEMA.indexes[0].projection, IndexProjection::KeysOnly);
        assert_eq!(Ticket::SCHEMA.indexes[1].projection, IndexProjection::Include(&["title"]));
        Ticket::create_table(&db).await?;
        for i in 0..4 {
            Ticket {
                id: format!("T{i}"),
                owner: "ann".into(),
                state: if i % 2 == 0 { "open".into() } else { "closed".into() },
                title: format!("title {i}"),
                body: "long text".into(),
            }
            .save(&db)
            .await?;
        }
        let keys: Vec<TicketKeys> = Ticket::by_owner().query(&db, "ann").project::<TicketKeys>().all().await?;
        assert_eq!(keys.len(), 4);
        // the keys-only index has no title or body: reading a whole Ticket fails clearly
        let whole = Ticket::by_owner().query(&db, "ann").all().await;
        assert!(matches!(whole, Err(Error::Deserialize { .. })), "{whole:?}");

        let mut open: Vec<TicketTitle> = Ticket::by_state().query(&db, "open").project::<TicketTitle>().all().await?;
        open.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(open.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["title 0", "title 2"]);
        // the INCLUDE index copies keys and `title` only: `owner` (the first
        // field it lacks) is missing when reading a whole Ticket
        let whole = Ticket::by_state().query(&db, "open").all().await;
        assert!(matches!(whole, Err(Error::Deserialize { ref field, .. }) if field == "owner"), "{whole:?}");
        Ok(())
    }
}
