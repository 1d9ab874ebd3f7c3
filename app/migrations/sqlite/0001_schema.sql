-- Mitra Desa schema. Portable types only (see ENGINEERING notes in README):
-- booleans are BIGINT 0/1, timestamps TEXT UTC ISO-8601 ('2026-11-28T15:53:25.123Z'),
-- dates TEXT 'YYYY-MM-DD', money BIGINT rupiah, region codes TEXT with dots.
-- integer primary key is the auto-generated primary key of each backend.

-- Region registry (Kemendagri codes) --------------------------------------------------
create table regency (
    regency_code text primary key,
    name text not null,
    kind text not null check (kind in ('kabupaten', 'kota'))
);

create table district (
    district_code text primary key,
    regency_code text not null references regency (regency_code),
    name text not null
);
create index district_regency_idx on district (regency_code);

create table village (
    village_code text primary key,
    district_code text not null references district (district_code),
    name text not null,
    kind text not null check (kind in ('desa', 'kelurahan'))
);
create index village_district_idx on village (district_code);
create index village_name_idx on village (name);

-- Accounts and sessions --------------------------------------------------------------
create table app_user (
    user_id integer primary key,
    email text not null unique,
    display_name text not null,
    password_hash text,
    role text not null check (role in ('village_operator', 'partner_member', 'regency_staff', 'province_staff', 'admin')),
    -- operators are bound to one village, regency staff to one regency
    village_code text references village (village_code),
    regency_code text references regency (regency_code),
    status text not null check (status in ('active', 'invited', 'disabled')),
    created_at text not null,
    updated_at text not null,
    check (role <> 'village_operator' or village_code is not null),
    check (role <> 'regency_staff' or regency_code is not null)
);
create index app_user_village_idx on app_user (village_code);
create index app_user_regency_idx on app_user (regency_code);

-- Partner organisations -------------------------------------------------------------
create table organisation (
    organisation_id integer primary key,
    name text not null,
    kind text not null check (kind in ('company', 'university', 'ngo', 'donor', 'state_enterprise', 'other')),
    status text not null check (status in ('pending', 'verified', 'rejected', 'suspended')),
    status_reason text,
    description text,
    website text,
    legal_id text,
    serves_province bigint not null default 0,
    contact_name text,
    contact_phone text,
    contact_email text,
    verified_at text,
    verified_by bigint references app_user (user_id),
    created_at text not null,
    updated_at text not null
);
create index organisation_status_idx on organisation (status, created_at);

create table organisation_member (
    organisation_id bigint not null references organisation (organisation_id),
    user_id bigint not null unique references app_user (user_id),
    member_role text not null check (member_role in ('owner', 'member')),
    created_at text not null,
    primary key (organisation_id, user_id)
);

-- Regions an organisation serves: a whole regency (district_code null) or one district.
create table organisation_region (
    organisation_id bigint not null references organisation (organisation_id),
    regency_code text not null references regency (regency_code),
    district_code text references district (district_code)
);
create unique index organisation_region_uq on organisation_region (organisation_id, regency_code, coalesce(district_code, ''));

create table organisation_sector (
    organisation_id bigint not null references organisation (organisation_id),
    sector text not null,
    primary key (organisation_id, sector)
);

create table session (
    session_id text primary key,
    data text not null,
    expires_at bigint not null
);
create index session_expiry_idx on session (expires_at);

create table sign_in_failure (
    throttle_key text not null,
    failed_at bigint not null
);
create index sign_in_failure_idx on sign_in_failure (throttle_key, failed_at);

-- Village profiles -------------------------------------------------------------------
create table village_profile (
    village_code text primary key references village (village_code),
    description text,
    -- Mandiri, Maju, Berkembang, Tertinggal, Sangat Tertinggal
    development_status text check (development_status in ('mandiri', 'maju', 'berkembang', 'tertinggal', 'sangat_tertinggal')),
    status_year bigint,
    -- IDM until 2024, Indeks Desa from 2025
    status_index_kind text check (status_index_kind in ('idm', 'indeks_desa')),
    status_index_value double precision,
    population bigint check (population is null or population >= 0),
    contact_name text,
    contact_phone text,
    contact_email text,
    -- companies' operation areas ("ring 1 / ring 2"), free text per line
    operation_areas text,
    updated_by bigint references app_user (user_id),
    created_at text not null,
    updated_at text not null
);

create table village_sector (
    village_code text not null references village (village_code),
    sector text not null,
    primary key (village_code, sector)
);

-- Needs (kebutuhan) and offers (penawaran) -------------------------------------------
create table need (
    need_id integer primary key,
    -- client-generated id of an offline draft: retries are idempotent
    client_id text unique,
    village_code text not null references village (village_code),
    title text not null,
    description text not null,
    support_type text not null check (support_type in ('technical_assistance', 'training', 'resource_access')),
    resource_kind text check (resource_kind in ('funding', 'equipment', 'market_access')),
    sector text not null,
    beneficiaries text,
    window_start text,
    window_end text,
    value_idr bigint check (value_idr is null or value_idr >= 0),
    status text not null check (status in ('draft', 'submitted', 'published', 'returned', 'rejected', 'matched', 'fulfilled', 'withdrawn', 'expired')),
    status_reason text,
    created_by bigint not null references app_user (user_id),
    created_at text not null,
    updated_at text not null,
    submitted_at text,
    published_at text
);
create index need_status_idx on need (status, published_at);
create index need_village_idx on need (village_code, status);
create index need_sector_idx on need (sector, status);
create index need_window_idx on need (status, window_end);

-- A pending change to a published need: the published version stays visible until
-- staff approve the revision.
create table need_revision (
    need_revision_id integer primary key,
    need_id bigint not null references need (need_id),
    title text not null,
    description text not null,
    support_type text not null,
    resource_kind text,
    sector text not null,
    beneficiaries text,
    window_start text,
    window_end text,
    value_idr bigint,
    status text not null check (status in ('pending', 'approved', 'returned', 'rejected')),
    status_reason text,
    created_by bigint not null references app_user (user_id),
    created_at text not null,
    decided_by bigint references app_user (user_id),
    decided_at text
);
create index need_revision_idx on need_revision (status, created_at);
create index need_revision_need_idx on need_revision (need_id);

create table offer (
    offer_id integer primary key,
    client_id text unique,
    organisation_id bigint not null references organisation (organisation_id),
    title text not null,
    description text not null,
    support_type text not null check (support_type in ('technical_assistance', 'training', 'resource_access')),
    resource_kind text check (resource_kind in ('funding', 'equipment', 'market_access')),
    -- how many villages it can serve (KKN: placements)
    capacity bigint not null check (capacity >= 1),
    window_start text,
    window_end text,
    value_idr bigint check (value_idr is null or value_idr >= 0),
    preferred_status text check (preferred_status in ('mandiri', 'maju', 'berkembang', 'tertinggal', 'sangat_tertinggal')),
    serves_province bigint not null default 0,
    status text not null check (status in ('draft', 'submitted', 'published', 'returned', 'rejected', 'matched', 'fulfilled', 'withdrawn', 'expired')),
    status_reason text,
    created_by bigint not null references app_user (user_id),
    created_at text not null,
    updated_at text not null,
    submitted_at text,
    published_at text
);
create index offer_status_idx on offer (status, published_at);
create index offer_organisation_idx on offer (organisation_id, status);

create table offer_sector (
    offer_id bigint not null references offer (offer_id),
    sector text not null,
    primary key (offer_id, sector)
);
create index offer_sector_idx on offer_sector (sector);

create table offer_region (
    offer_id bigint not null references offer (offer_id),
    regency_code text not null references regency (regency_code),
    district_code text references district (district_code)
);
create unique index offer_region_uq on offer_region (offer_id, regency_code, coalesce(district_code, ''));
create index offer_region_regency_idx on offer_region (regency_code);

create table offer_revision (
    offer_revision_id integer primary key,
    offer_id bigint not null references offer (offer_id),
    -- the proposed content, as JSON (title, description, sectors, regions, ...)
    content text not null,
    status text not null check (status in ('pending', 'approved', 'returned', 'rejected')),
    status_reason text,
    created_by bigint not null references app_user (user_id),
    created_at text not null,
    decided_by bigint references app_user (user_id),
    decided_at text
);
create index offer_revision_idx on offer_revision (status, created_at);

-- Matches ----------------------------------------------------------------------------
create table need_match (
    need_match_id integer primary key,
    need_id bigint not null references need (need_id),
    organisation_id bigint not null references organisation (organisation_id),
    offer_id bigint references offer (offer_id),
    origin text not null check (origin in ('engine', 'partner_interest', 'village_request', 'staff')),
    status text not null check (status in ('suggested', 'interested', 'requested', 'introduced', 'agreed', 'declined')),
    score double precision,
    -- per-factor explanation, as JSON
    score_detail text,
    message text,
    decline_reason text,
    declined_by bigint references app_user (user_id),
    created_by bigint references app_user (user_id),
    introduced_by bigint references app_user (user_id),
    introduced_at text,
    created_at text not null,
    updated_at text not null
);
-- one live match per need and partner
create unique index need_match_live_uq on need_match (need_id, organisation_id)
    where status in ('suggested', 'interested', 'requested', 'introduced');
create index need_match_status_idx on need_match (status, created_at);
create index need_match_organisation_idx on need_match (organisation_id, status);
create index need_match_offer_idx on need_match (offer_id);

create table match_message (
    match_message_id integer primary key,
    need_match_id bigint not null references need_match (need_match_id),
    author_id bigint not null references app_user (user_id),
    body text not null,
    created_at text not null
);
create index match_message_idx on match_message (need_match_id, created_at);

-- Agreements (kerja sama, Permendagri 96/2017) ----------------------------------------
create table agreement (
    agreement_id integer primary key,
    need_match_id bigint not null unique references need_match (need_match_id),
    initiated_by text not null check (initiated_by in ('village', 'third_party')),
    mou_number text,
    mou_signed_on text,
    agreement_number text,
    musdes_held_on text,
    in_rkp_desa bigint not null default 0,
    kak_reference text,
    clause_scope bigint not null default 0,
    clause_field bigint not null default 0,
    clause_procedure bigint not null default 0,
    clause_duration bigint not null default 0,
    clause_rights_obligations bigint not null default 0,
    clause_funding bigint not null default 0,
    clause_amendment bigint not null default 0,
    clause_dispute bigint not null default 0,
    signatory_village_head text,
    signatory_partner text,
    signed_on text,
    starts_on text,
    ends_on text,
    value_idr bigint check (value_idr is null or value_idr >= 0),
    reported_to_bpd_on text,
    village_status_before text,
    village_status_after text,
    outcome text,
    status text not null check (status in ('draft', 'signed', 'active', 'completed', 'terminated')),
    created_by bigint not null references app_user (user_id),
    created_at text not null,
    updated_at text not null
);
create index agreement_status_idx on agreement (status, updated_at);

create table agreement_progress (
    agreement_progress_id integer primary key,
    agreement_id bigint not null references agreement (agreement_id),
    reported_on text not null,
    body text not null,
    created_by bigint not null references app_user (user_id),
    created_at text not null
);
create index agreement_progress_idx on agreement_progress (agreement_id, reported_on);

-- Audit log and notifications ---------------------------------------------------------
create table audit_log (
    audit_id integer primary key,
    actor_id bigint references app_user (user_id),
    action text not null,
    entity_type text not null,
    entity_id text not null,
    before_state text,
    after_state text,
    reason text,
    created_at text not null
);
create index audit_log_entity_idx on audit_log (entity_type, entity_id, created_at);
create index audit_log_actor_idx on audit_log (actor_id, created_at);
create index audit_log_created_idx on audit_log (created_at);

create table notification (
    notification_id integer primary key,
    user_id bigint not null references app_user (user_id),
    kind text not null,
    entity_type text not null,
    entity_id text not null,
    -- parameters of the message, as JSON
    payload text,
    read_at text,
    created_at text not null
);
create index notification_user_idx on notification (user_id, read_at, created_at);

-- Settings (e.g. matching weights), as JSON values ------------------------------------
create table setting (
    setting_key text primary key,
    value text not null,
    updated_by bigint references app_user (user_id),
    updated_at text not null
);

-- The audit log is never edited.
create trigger audit_log_no_update before update on audit_log
begin
    select raise(abort, 'audit_log is append-only');
end;
create trigger audit_log_no_delete before delete on audit_log
begin
    select raise(abort, 'audit_log is append-only');
end;
