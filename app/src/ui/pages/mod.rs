pub mod accounts;
pub mod dashboard;
pub mod home;
pub mod not_found;
pub mod opportunities;
pub mod sign_in;
pub mod sign_up;
