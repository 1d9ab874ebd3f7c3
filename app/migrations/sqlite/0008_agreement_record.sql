-- Cooperation agreements: the record as domain::cooperation checks it (the eight clauses as
-- texts, the deliberation's minutes, the RKP Desa status and year, the partner's title,
-- the funding source). The agreement tables of 0001 were never written (no code used
-- them): they are replaced. Progress rows carry the phone's id of an update written
-- offline (client_id), so that a repeated send makes one row.
drop table agreement_progress;
drop table agreement;
create table agreement (
    agreement_id integer primary key,
    need_match_id bigint not null unique references need_match (need_match_id),
    initiated_by text not null check (initiated_by in ('village', 'third_party')),
    mou_number text,
    mou_signed_on text,
    musdes_held_on text,
    musdes_minutes text,
    plan_status text check (plan_status in ('in_plan', 'needs_amendment')),
    plan_year bigint,
    kak_reference text,
    clause_scope text,
    clause_field text,
    clause_procedure text,
    clause_duration text,
    clause_rights_obligations text,
    clause_funding text,
    clause_amendment text,
    clause_dispute text,
    village_head text,
    partner_representative text,
    partner_title text,
    signed_on text,
    starts_on text,
    ends_on text,
    value_idr bigint check (value_idr is null or value_idr >= 0),
    funding_source text check (funding_source in ('partner', 'village_budget', 'shared')),
    status text not null check (status in ('draft', 'signed', 'active', 'completed', 'terminated')),
    created_by bigint not null references app_user (user_id),
    created_at text not null,
    updated_at text not null
);
create index agreement_status_idx on agreement (status, updated_at);

create table agreement_progress (
    agreement_progress_id integer primary key,
    agreement_id bigint not null references agreement (agreement_id),
    client_id text unique,
    reported_on text not null,
    body text not null,
    percent bigint check (percent is null or (percent >= 0 and percent <= 100)),
    created_by bigint not null references app_user (user_id),
    created_at text not null
);
create index agreement_progress_idx on agreement_progress (agreement_id, reported_on);
