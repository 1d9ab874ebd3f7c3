-- Statistics (issue 13) look up every match of a need, whatever its status: the unique
-- index on live matches covers only some of them.
create index need_match_need_idx on need_match (need_id, status);
-- The statistics cache stamps its views with the latest change to each of these.
create index offer_updated_idx on offer (updated_at);
create index need_match_updated_idx on need_match (updated_at);
create index agreement_updated_idx on agreement (updated_at);
create index organisation_updated_idx on organisation (updated_at);
