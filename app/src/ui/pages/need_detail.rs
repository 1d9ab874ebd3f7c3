//! `/peluang/:id`: one need. Visitors see it once published; its village's operators and
//! the staff of its regency see it in every state, with what they may do about it.

use crate::api::matches::ProposeMatch;
use crate::api::needs::get_need;
use crate::api::suggestions::need_panel_for_caller;
use crate::domain::lifecycle::PostingStatus;
use crate::domain::need::NeedInput;
use crate::domain::posting::PostingKind;
use crate::i18n::*;
use crate::ui::components::page_meta::{public_url, PageMeta};
use crate::ui::components::posting::{OwnerActionSet, PendingRevision, PostingControls, StatusBadge, StatusNote};
use crate::ui::components::staleness::{ClosedNote, StillCurrent};
use crate::ui::components::status::{Loading, PageError};
use crate::wire::error::AppError;
use crate::wire::format;
use crate::wire::needs::NeedDetail;
use crate::wire::suggestions::NeedPanel;
use crate::wire::text;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NeedPage() -> impl IntoView {
    let params = use_params_map();
    let need_id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let actions = OwnerActionSet::new(PostingKind::Need);
    let need = Resource::new(need_id, |id| async move {
        match id {
            Some(id) => get_need(id).await,
            None => Err(AppError::NotFound),
        }
    });
    // Created here, never inside the view's branches: see `NeedPanel`.
    let propose = ServerAction::<ProposeMatch>::new();
    let panel = Resource::new(need_id, |id| async move {
        match id {
            Some(id) => need_panel_for_caller(id).await,
            None => Ok(NeedPanel::Nothing),
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || need.get().map(|result| match result {
                Ok(need) => view! { <NeedView need actions panel propose/> }.into_any(),
                Err(AppError::NotFound) => view! { <crate::ui::pages::not_found::NotFound/> }.into_any(),
                Err(err) => view! { <PageError err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn NeedView(
    need: NeedDetail,
    actions: OwnerActionSet,
    panel: Resource<Result<NeedPanel, AppError>>,
    propose: ServerAction<ProposeMatch>,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = format!("/peluang/{}", need.need_id);
    let url = Signal::stored(format!("{}{path}", public_url()));
    let title = need.content.title.clone();
    let description = {
        let place = format!("{}, {}, {}", need.village_name, need.district_name, need.regency_name);
        let summary: String = need.content.description.chars().take(160).collect();
        format!("{place}. {summary}")
    };
    let share = {
        let (village, regency, title) = (need.village_name.clone(), need.regency_name.clone(), title.clone());
        move || {
            let text = t_string!(
                i18n,
                need.share_text,
                village = village.clone(),
                regency = regency.clone(),
                title = title.clone()
            );
            format::whatsapp_link(&text, &url.get())
        }
    };
    let state = need.state.clone();
    let status = state.status;
    let need_id = need.need_id;
    view! {
        <PageMeta
            title=Signal::derive({ let t = title.clone(); move || t.clone() })
            description=Signal::derive(move || description.clone())
            url
        />
        <p class="breadcrumb"><a href="/peluang">{t!(i18n, opportunities.title)}</a></p>
        <h1>{title.clone()}</h1>
        <p class="card-meta">
            <a href=format!("/desa/{}", need.village_code)>{need.village_name.clone()}</a>
            " · " {need.district_name.clone()} " · " {need.regency_name.clone()}
        </p>
        {(state.insider || !status.is_public() || status.is_closed()).then(|| view! {
            <p><StatusBadge status testid="need-status"/></p>
        })}
        <ClosedNote state=state.clone()/>
        <StatusNote state=state.clone()/>
        <StillCurrent state=state.clone()/>
        <Facts content=need.content.clone()/>
        <div class="prose">
            {need.content.description.split("\n\n").map(|p| view! { <p class="pre-line">{p.to_owned()}</p> }).collect_view()}
        </div>
        {need.published_at.clone().filter(|_| status.is_public()).map(|at| {
            let date = format::date(&at);
            view! { <p class="muted small">{move || t_string!(i18n, need.published_on, date = date.clone())}</p> }
        })}
        {status.is_public().then(|| view! {
            <p><a class="button button-secondary" href=share target="_blank" rel="noopener">{t!(i18n, need.share)}</a></p>
        })}
        <PostingControls state=state.clone() actions/>
        {(status == PostingStatus::Published).then(|| view! {
            <crate::ui::components::matchmaking::NeedMatchmaking need_id panel propose/>
        })}
        {need.pending_revision.clone().map(|revision| view! {
            <PendingRevision kind=PostingKind::Need revision_id=revision.revision_id
                title=revision.content.title.clone() description=revision.content.description.clone()
                can_moderate=state.can_moderate>
                <Facts content=revision.content.clone()/>
            </PendingRevision>
        })}
    }
}

/// The need's facts as a definition list.
#[component]
fn Facts(content: NeedInput) -> impl IntoView {
    let i18n = use_i18n();
    let NeedInput { support_type, resource_kind, sector, beneficiaries, window_start, window_end, value_idr, .. } =
        content;
    let window = (!window_start.is_empty() || !window_end.is_empty()).then(|| {
        let (start, end) = (format::date(&window_start), format::date(&window_end));
        move || t_string!(i18n, need.window_range, start = start.clone(), end = end.clone())
    });
    let value = value_idr.parse::<i64>().ok();
    view! {
        <dl class="facts">
            <div>
                <dt>{t!(i18n, need.support)}</dt>
                <dd>
                    {move || text::support(i18n.get_locale(), &support_type)}
                    {(!resource_kind.is_empty()).then(|| {
                        let kind = resource_kind.clone();
                        move || format!(" · {}", text::resource(i18n.get_locale(), &kind))
                    })}
                </dd>
            </div>
            <div><dt>{t!(i18n, need.sector)}</dt><dd>{move || text::sector(i18n.get_locale(), &sector)}</dd></div>
            {(!beneficiaries.is_empty()).then(|| view! {
                <div><dt>{t!(i18n, need.beneficiaries)}</dt><dd>{beneficiaries.clone()}</dd></div>
            })}
            <div>
                <dt>{t!(i18n, need.window)}</dt>
                <dd>{match window {
                    Some(window) => window.into_any(),
                    None => (move || t_string!(i18n, need.window_open)).into_any(),
                }}</dd>
            </div>
            {value.map(|value| view! {
                <div>
                    <dt>{t!(i18n, need.value)}</dt>
                    <dd>{move || t_string!(i18n, need.value_amount, value = format::thousands(i18n.get_locale(), value))}</dd>
                </div>
            })}
        </dl>
    }
}
