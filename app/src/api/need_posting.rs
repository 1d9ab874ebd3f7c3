//! A village operator's own needs: write, submit, withdraw, list. The workflows are the
//! posting ones (`ssr::posting`), shared with offers.

use crate::domain::need::NeedInput;
use crate::wire::error::AppError;
use crate::wire::postings::PostingLine;
use leptos::prelude::*;

/// Saves a need. Without `need_id` it creates a draft; a draft or returned need is
/// changed in place; a published one gets a revision that waits for moderation while
/// the published text stays visible. A new need written offline carries the id its device
/// gave it (`client_id`): sending it again answers with the same need. Answers with a
/// redirect to the need's page.
#[server(endpoint = "save_need")]
pub async fn save_need(need_id: String, need: NeedInput, #[server(default)] client_id: String) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::posting::PostingKind;
    use crate::ssr::db::today;
    use crate::ssr::locale::validation_error_with_input;
    use crate::ssr::posting::{self, Content};
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::VillageOperator).await?;
    let draft_id = crate::domain::validation::draft_id(&client_id);
    let checked = need.validate(&today()).and_then(|valid| match draft_id {
        Ok(draft_id) => Ok((valid, draft_id)),
        Err(problem) => Err(vec![crate::domain::validation::FieldError::new("client_id", problem)]),
    });
    let (valid, draft_id) = checked.map_err(|errors| validation_error_with_input(errors, need.fields()))?;
    let id = super::optional_id(&need_id)?;
    let state = AppState::current()?;
    let need_id = posting::save(&state, &user, id, Content::Need(&valid), draft_id.as_deref()).await?;
    leptos_axum::redirect(&PostingKind::Need.path(need_id));
    Ok(())
}

/// The operator sends a draft or returned need to moderation.
#[server(endpoint = "submit_need")]
pub async fn submit_need(need_id: i64) -> Result<(), AppError> {
    use crate::domain::lifecycle::PostingAction;
    super::owner_action(crate::domain::posting::PostingKind::Need, need_id, PostingAction::Submit).await
}

/// The operator takes a need back (from draft, moderation or publication).
#[server(endpoint = "withdraw_need")]
pub async fn withdraw_need(need_id: i64) -> Result<(), AppError> {
    use crate::domain::lifecycle::PostingAction;
    super::owner_action(crate::domain::posting::PostingKind::Need, need_id, PostingAction::Withdraw).await
}

/// All needs of the operator's village, in every state.
#[server(endpoint = "my_needs")]
pub async fn my_needs() -> Result<Vec<PostingLine>, AppError> {
    super::my_postings(crate::domain::posting::PostingKind::Need).await
}
