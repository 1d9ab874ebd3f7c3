-- Cohort offers (issue 14): an offer of N placements over one period — groups of students
-- (KKN) or volunteers — each placed in one village. Its capacity is the number of
-- placements; `group_size` how many people each group has, if known.
alter table offer add column cohort bigint not null default 0;
alter table offer add column group_size bigint check (group_size is null or group_size >= 1);
alter table offer_revision add column cohort bigint not null default 0;
alter table offer_revision add column group_size bigint check (group_size is null or group_size >= 1);
