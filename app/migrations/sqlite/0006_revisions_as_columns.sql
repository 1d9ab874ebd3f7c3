-- Offer revisions are stored like need revisions: the proposed content in columns (and
-- its sectors and regions in rows) instead of a JSON document, so that queues can filter
-- them in SQL. A revision closed without a decision (replaced by a newer one, or its
-- posting left publication) is 'withdrawn'; 'rejected' now always means staff refused it.
-- A verified organisation's change of name or type waits for province staff.

-- The sectors and regions of pending JSON revisions, before their table is rebuilt.
create table offer_revision_sector_moved (offer_revision_id bigint not null, sector text not null);
insert into offer_revision_sector_moved
    select r.offer_revision_id, j.value from offer_revision r, json_each(r.content, '$.sectors') j;
create table offer_revision_region_moved (offer_revision_id bigint not null, regency_code text not null, district_code text);
insert into offer_revision_region_moved
    select r.offer_revision_id, j.value, null from offer_revision r, json_each(r.content, '$.area.regencies') j;
insert into offer_revision_region_moved
    select r.offer_revision_id, substr(j.value, 1, 5), j.value from offer_revision r, json_each(r.content, '$.area.districts') j;

create table offer_revision_new (
    offer_revision_id integer primary key,
    offer_id bigint not null references offer (offer_id),
    title text not null,
    description text not null,
    support_type text not null check (support_type in ('technical_assistance', 'training', 'resource_access')),
    resource_kind text check (resource_kind in ('funding', 'equipment', 'market_access')),
    capacity bigint not null check (capacity >= 1),
    window_start text,
    window_end text,
    value_idr bigint check (value_idr is null or value_idr >= 0),
    preferred_status text check (preferred_status in ('mandiri', 'maju', 'berkembang', 'tertinggal', 'sangat_tertinggal')),
    serves_province bigint not null default 0,
    status text not null check (status in ('pending', 'approved', 'returned', 'rejected', 'withdrawn')),
    status_reason text,
    created_by bigint not null references app_user (user_id),
    created_at text not null,
    decided_by bigint references app_user (user_id),
    decided_at text
);
insert into offer_revision_new (offer_revision_id, offer_id, title, description, support_type, resource_kind, capacity,
        window_start, window_end, value_idr, preferred_status, serves_province, status, status_reason, created_by,
        created_at, decided_by, decided_at)
    select offer_revision_id, offer_id, json_extract(content, '$.title'), json_extract(content, '$.description'),
           json_extract(content, '$.support_type'), json_extract(content, '$.resource_kind'),
           json_extract(content, '$.capacity'), json_extract(content, '$.window_start'),
           json_extract(content, '$.window_end'), json_extract(content, '$.value_idr'),
           json_extract(content, '$.preferred_status'),
           case when json_extract(content, '$.area.whole_province') then 1 else 0 end,
           case when status = 'rejected' and decided_by is null then 'withdrawn' else status end,
           status_reason, created_by, created_at, decided_by, decided_at
    from offer_revision;
drop table offer_revision;
alter table offer_revision_new rename to offer_revision;
create index offer_revision_idx on offer_revision (status, created_at);
create index offer_revision_offer_idx on offer_revision (offer_id);

create table offer_revision_sector (
    offer_revision_id bigint not null references offer_revision (offer_revision_id),
    sector text not null,
    primary key (offer_revision_id, sector)
);
insert or ignore into offer_revision_sector select offer_revision_id, sector from offer_revision_sector_moved;
drop table offer_revision_sector_moved;

create table offer_revision_region (
    offer_revision_id bigint not null references offer_revision (offer_revision_id),
    regency_code text not null references regency (regency_code),
    district_code text references district (district_code)
);
create unique index offer_revision_region_uq
    on offer_revision_region (offer_revision_id, regency_code, coalesce(district_code, ''));
insert or ignore into offer_revision_region select offer_revision_id, regency_code, district_code from offer_revision_region_moved;
drop table offer_revision_region_moved;

-- Need revisions get the same statuses.
create table need_revision_new (
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
    status text not null check (status in ('pending', 'approved', 'returned', 'rejected', 'withdrawn')),
    status_reason text,
    created_by bigint not null references app_user (user_id),
    created_at text not null,
    decided_by bigint references app_user (user_id),
    decided_at text
);
insert into need_revision_new
    select need_revision_id, need_id, title, description, support_type, resource_kind, sector, beneficiaries,
           window_start, window_end, value_idr,
           case when status = 'rejected' and decided_by is null then 'withdrawn' else status end,
           status_reason, created_by, created_at, decided_by, decided_at
    from need_revision;
drop table need_revision;
alter table need_revision_new rename to need_revision;
create index need_revision_idx on need_revision (status, created_at);
create index need_revision_need_idx on need_revision (need_id);

-- A verified organisation's proposed name and type.
create table organisation_revision (
    organisation_revision_id integer primary key,
    organisation_id bigint not null references organisation (organisation_id),
    name text not null,
    kind text not null check (kind in ('company', 'university', 'ngo', 'donor', 'state_enterprise', 'other')),
    status text not null check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
    status_reason text,
    created_by bigint not null references app_user (user_id),
    created_at text not null,
    decided_by bigint references app_user (user_id),
    decided_at text
);
create index organisation_revision_idx on organisation_revision (status, created_at);
create index organisation_revision_organisation_idx on organisation_revision (organisation_id, status);

-- Queues and stamps read these.
create index village_profile_updated_idx on village_profile (updated_at);
