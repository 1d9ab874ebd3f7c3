-- Clustered opportunities (issue 14): a partner expresses interest in a whole cluster of
-- alike needs, or a chosen part of it, in one action — one match per need, grouped, so that
-- staff see them together and can introduce them together.
create table match_group (
    match_group_id integer primary key,
    organisation_id bigint not null references organisation (organisation_id),
    -- the cluster's seed need when the interest was expressed (clusters are named by it)
    cluster_seed bigint not null references need (need_id),
    created_by bigint not null references app_user (user_id),
    created_at text not null
);
alter table need_match add column match_group_id bigint references match_group (match_group_id);
create index need_match_group_idx on need_match (match_group_id);
