-- A cooperation after signing: the regency's registration, the village's development status
-- at signing (from its profile), the end of the cooperation — completion with its outcome,
-- the beneficiaries reached and the village's status after, or termination with its reason
-- and, in a dispute, how far it went — and the village head's report to the BPD and its
-- copy to the regent through the camat. The reminder columns say when a quiet follow-up or a
-- due report was last brought up, so that reminders are not repeated every run.
alter table agreement add column registered_at text;
alter table agreement add column registered_by bigint references app_user (user_id);
alter table agreement add column status_at_signing text;
alter table agreement add column status_at_signing_year bigint;
alter table agreement add column status_at_signing_index text;
alter table agreement add column activated_at text;
alter table agreement add column ended_on text;
alter table agreement add column outcome text;
alter table agreement add column beneficiaries bigint check (beneficiaries is null or beneficiaries >= 0);
alter table agreement add column status_after text;
alter table agreement add column status_after_year bigint;
alter table agreement add column reported_to_bpd_on text;
alter table agreement add column copied_to_regent_on text;
alter table agreement add column termination_reason text;
alter table agreement add column dispute_stage text check (dispute_stage in ('open', 'deliberation_failed'));
alter table agreement add column progress_reminded_at text;
alter table agreement add column report_reminded_at text;
-- E-mail for what a user must act on: at once, in a daily or weekly digest, or never (in-app
-- notifications always). `emailed_at` marks a notification that went out by e-mail.
alter table app_user add column email_frequency text not null default 'daily'
    check (email_frequency in ('immediate', 'daily', 'weekly', 'never'));
alter table app_user add column digest_sent_at text;
alter table notification add column emailed_at text;
create index notification_email_idx on notification (emailed_at, user_id);
