pub mod choices;
pub mod filters;
pub mod form;
pub mod layout;
pub mod page_meta;
pub mod status;
