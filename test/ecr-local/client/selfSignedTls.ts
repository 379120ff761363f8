// A self-signed certificate for 127.0.0.1, valid for 100 years, made for the strictSSL test only
// (openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500
// -subj '/CN=ecr-explorer test (self-signed)' -addext subjectAltName=IP:127.0.0.1). Not a secret:
// it protects nothing, and no client trusts it, which is the point of the test.
export const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBvDCCAWKgAwIBAgIUZ9FdsWvqQRUkFdyqLCoo2a0RfH0wCgYIKoZIzj0EAwIw
KjEoMCYGA1UEAwwfZWNyLWV4cGxvcmVyIHRlc3QgKHNlbGYtc2lnbmVkKTAgFw0y
NjExMjYxNzIyMTlaGA8yMTI2MTEwMjE3MjIxOVowKjEoMCYGA1UEAwwfZWNyLWV4
cGxvcmVyIHRlc3QgKHNlbGYtc2lnbmVkKTBZMBMGByqGSM49AgEGCCqGSM49AwEH
A0IABE6pDNW2GBY8MrU3uZfxBWBT0O1djuUWKcpr1gtDgaQwjQzP4RRDxZ1D7gt/
an487k6CcfgrYrBZ308K05ya+86jZDBiMB0GA1UdDgQWBBQtr732lquB7feXlKqW
SYL2fMEQ9zAfBgNVHSMEGDAWgBQtr732lquB7feXlKqWSYL2fMEQ9zAPBgNVHRMB
Af8EBTADAQH/MA8GA1UdEQQIMAaHBH8AAAEwCgYIKoZIzj0EAwIDSAAwRQIhAMma
J90A5jpdSEZ91z9s5N+Fd9ykBiLLmd3avgWx08NNAiAQEb/cMSQaKMOt/Ni3IAUD
xXoH4wkN918j5IaIYxTSJA==
-----END CERTIFICATE-----
`;
export const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgGoM9W6sjmDv0oL9U
aiQvbl3GlRp35saOHR5SUj+CRCahRANCAAROqQzVthgWPDK1N7mX8QVgU9DtXY7l
FinKa9YLQ4GkMI0Mz+EUQ8WdQ+4Lf2p+PO5OgnH4K2KwWd9PCtOcmvvO
-----END PRIVATE KEY-----
`;
