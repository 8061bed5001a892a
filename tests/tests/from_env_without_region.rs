//! `Dynox::from_env()` with no region anywhere is a configuration error that
//! says what to set (it was reported as an unreachable endpoint, and
//! retryable). A binary of its own: it clears the process's AWS settings.

use dynox_core::{Dynox, Error};

#[tokio::test]
async fn from_env_without_a_region_says_what_to_set() {
    for name in ["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE"] {
        std::env::remove_var(name);
    }
    // no profile file, and no instance metadata look-up (no network here)
    std::env::set_var("AWS_CONFIG_FILE", "/nonexistent/dynox-test-config");
    std::env::set_var(
        "AWS_SHARED_CREDENTIALS_FILE",
        "/nonexistent/dynox-test-credentials",
    );
    std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
    match Dynox::from_env().await {
        Err(e @ Error::Configuration { .. }) => {
            assert!(e.to_string().contains("AWS_REGION"), "{e}");
            assert!(!e.is_retryable());
        }
        other => panic!("expected a configuration error, got {other:?}"),
    }
}
