//! The dialog's steps, in order, and the names of its pages.

use crate::store::DialogDeadEnd;

/// The dialog's steps, in order; a flow records the furthest reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// "Log in to Facebook".
    Login = 0,
    /// The business details, and "{partner} would like to access your WhatsApp
    /// Business account": Continue gives the permission.
    Permissions = 1,
    /// "You gave {partner} permission": the permission confirmed.
    PermissionGiven = 2,
    /// "Confirm your legal business name".
    BusinessName = 3,
    /// "Confirm your business description".
    Description = 4,
    /// "Verify your phone number": SMS or voice call, and Confirm sends the code.
    Phone = 5,
    /// "Enter the 6-digit code".
    Code = 6,
    /// "Your number … is registered with WhatsApp".
    Registered = 7,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 8] = [
        Step::Login,
        Step::Permissions,
        Step::PermissionGiven,
        Step::BusinessName,
        Step::Description,
        Step::Phone,
        Step::Code,
        Step::Registered,
    ];

    /// The step's path segment.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Login => "login",
            Step::Permissions => "permissions",
            Step::PermissionGiven => "permission-given",
            Step::BusinessName => "business-name",
            Step::Description => "description",
            Step::Phone => "phone-number",
            Step::Code => "code",
            Step::Registered => "registered",
        }
    }

    /// The step's name in a popup's `CANCEL` message (`current_step`).
    pub fn current_step(self) -> &'static str {
        match self {
            Step::Login => "LOGIN",
            Step::Permissions | Step::PermissionGiven => "PERMISSIONS",
            Step::BusinessName => "BUSINESS_INFO",
            Step::Description => "BUSINESS_DESCRIPTION",
            Step::Phone => "PHONE_NUMBER_SETUP",
            Step::Code => "PHONE_NUMBER_VERIFICATION",
            Step::Registered => "REGISTERED",
        }
    }

    /// The step with this path segment.
    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The step a flow's `reached` number records (the first, if out of range).
    pub fn from_number(n: u8) -> Step {
        Step::ALL
            .get(usize::from(n))
            .copied()
            .unwrap_or(Step::Login)
    }
}

/// The page of the already-registered dead end.
pub const ALREADY_REGISTERED_PAGE: &str = "already-registered";
/// The page of the generic-error dead end.
pub const ERROR_PAGE: &str = "error";

/// The page a dead end shows.
pub fn dead_end_slug(d: &DialogDeadEnd) -> &'static str {
    match d {
        DialogDeadEnd::AlreadyRegistered => ALREADY_REGISTERED_PAGE,
        DialogDeadEnd::Failed { .. } => ERROR_PAGE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_found_by_slug_and_number() {
        for (n, step) in Step::ALL.into_iter().enumerate() {
            assert_eq!(Step::from_slug(step.slug()), Some(step));
            assert_eq!(Step::from_number(n as u8), step);
        }
        assert_eq!(Step::from_slug(ERROR_PAGE), None);
        assert_eq!(Step::from_number(8), Step::Login);
    }
}
