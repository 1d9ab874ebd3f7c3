-- Postings that do not go stale: when the owner was last asked whether a published need or
-- offer is still current (its window ends soon, or nothing happened for 90 days; null: no
-- question is open), and when they last answered that it is (confirmed or extended; a
-- posting confirmed for its window is not asked again for it). The last activity is the
-- posting's `updated_at`.
alter table need add column stale_prompted_at text;
alter table need add column stale_answered_at text;
alter table offer add column stale_prompted_at text;
alter table offer add column stale_answered_at text;
create index need_stale_idx on need (status, stale_prompted_at);
create index offer_stale_idx on offer (status, stale_prompted_at);
