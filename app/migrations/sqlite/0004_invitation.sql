-- One-time invitations: staff create a village operator account in their jurisdiction
-- and pass the link on; the operator sets a password. Only a SHA-256 of the token is kept.
create table invitation (
    token_hash text primary key,
    user_id bigint not null references app_user (user_id),
    created_by bigint not null references app_user (user_id),
    created_at text not null,
    expires_at text not null,
    used_at text
);
create index invitation_user_idx on invitation (user_id);
