-- PPM / TJSL (issue 13): the villages in a company's operation area, ring 1 (around the
-- site) or ring 2 (further out). A company proposes them for its own organisation and the
-- staff of the village's regency (or the province) confirm them; staff may also record
-- them confirmed at once. One row per company and village.
create table operation_area (
    organisation_id bigint not null references organisation (organisation_id),
    village_code text not null references village (village_code),
    ring text not null check (ring in ('ring_1', 'ring_2')),
    status text not null check (status in ('proposed', 'confirmed')),
    proposed_by bigint not null references app_user (user_id),
    confirmed_by bigint references app_user (user_id),
    confirmed_at text,
    created_at text not null,
    updated_at text not null,
    primary key (organisation_id, village_code)
);
create index operation_area_village_idx on operation_area (village_code, status);
