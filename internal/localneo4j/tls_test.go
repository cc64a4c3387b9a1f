package localneo4j

import (
	"crypto/x509"
	"encoding/pem"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestSelfSignedCert(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "certificates", "bolt")
	now := time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC)
	if err := SelfSignedCert(dir, now); err != nil {
		t.Fatal(err)
	}
	certPEM, err := os.ReadFile(filepath.Join(dir, TLSCertFile))
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(certPEM)
	if block == nil || block.Type != "CERTIFICATE" {
		t.Fatalf("public.crt is not a PEM certificate: %q", certPEM)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	// A client that trusts the file verifies the server by each loopback name.
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	for _, host := range []string{"localhost", "127.0.0.1", "::1"} {
		if _, err := cert.Verify(x509.VerifyOptions{DNSName: host, Roots: roots, CurrentTime: now.Add(24 * time.Hour)}); err != nil {
			t.Errorf("verify as %s: %v", host, err)
		}
	}
	if _, err := cert.Verify(x509.VerifyOptions{DNSName: "example.org", Roots: roots, CurrentTime: now}); err == nil {
		t.Error("the certificate verifies for a name it does not hold")
	}
	if !cert.NotAfter.After(now.Add(5 * 365 * 24 * time.Hour)) {
		t.Errorf("valid only until %s", cert.NotAfter)
	}
	if ip := net.ParseIP("127.0.0.1"); !cert.IPAddresses[0].Equal(ip) {
		t.Errorf("IP SANs %v", cert.IPAddresses)
	}

	keyPath := filepath.Join(dir, TLSKeyFile)
	keyPEM, err := os.ReadFile(keyPath)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := pem.Decode(keyPEM)
	if kb == nil || kb.Type != "PRIVATE KEY" {
		t.Fatalf("private.key is not PKCS#8 PEM")
	}
	if _, err := x509.ParsePKCS8PrivateKey(kb.Bytes); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(keyPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("private key mode %v, %v: want 0600", fi.Mode().Perm(), err)
	}
	for _, d := range []string{"trusted", "revoked"} {
		if fi, err := os.Stat(filepath.Join(dir, d)); err != nil || !fi.IsDir() {
			t.Errorf("%s folder missing: %v", d, err)
		}
	}

	// A second call keeps the server's identity: clients that pinned it still trust it.
	if err := SelfSignedCert(dir, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	again, err := os.ReadFile(filepath.Join(dir, TLSCertFile))
	if err != nil || string(again) != string(certPEM) {
		t.Errorf("the certificate was replaced on restart (err %v)", err)
	}
}
