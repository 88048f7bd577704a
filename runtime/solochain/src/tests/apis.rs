//! The runtime APIs as clients see them.

#[test]
fn the_runtime_reports_the_api_versions_clients_decode_by() {
	aegis_runtime_common::apis::assert_reports_changed_api_versions(&crate::VERSION.apis);
}
