use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};

/// argon2id with the crate's default (OWASP-recommended) parameters.
pub fn hash_password(plain: &str) -> String {
    Argon2::default()
        .hash_password(plain.as_bytes())
        .map(|h: PasswordHash| h)
        .expect("argon2 hashing cannot fail with default parameters")
        .to_string()
}

pub fn verify_password(plain: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(plain.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = hash_password("Demo12345");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("Demo12345", &h));
        assert!(!verify_password("Demo12346", &h));
        assert!(!verify_password("Demo12345", "not-a-hash"));
    }
}
