package localneo4j

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// Files of a Bolt TLS directory, as Neo4j's SSL policy reads them.
const (
	TLSKeyFile  = "private.key"
	TLSCertFile = "public.crt"
)

// certValidity is how long a generated certificate is valid: a local
// server's certificate should outlive the data folder it sits in.
const certValidity = 10 * 365 * 24 * time.Hour

// TLSDir is where a server of home keeps its Bolt key and certificate.
func TLSDir(home string) string { return filepath.Join(home, "certificates", "bolt") }

// SelfSignedCert makes dir a Bolt TLS directory with a fresh ECDSA P-256
// key and a self-signed certificate for localhost, 127.0.0.1 and ::1,
// valid from now, unless dir already holds a key and a certificate (a
// server keeps its identity across restarts, so a client that pinned it
// still trusts it). The key is written PKCS#8, readable by its owner
// only; the trusted and revoked folders Neo4j's policy expects are made
// empty: no client certificates are asked for.
func SelfSignedCert(dir string, now time.Time) error {
	key, cert := filepath.Join(dir, TLSKeyFile), filepath.Join(dir, TLSCertFile)
	if fileExists(key) && fileExists(cert) {
		return nil
	}
	for _, d := range []string{dir, filepath.Join(dir, "trusted"), filepath.Join(dir, "revoked")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return fmt.Errorf("tls dir: %w", err)
		}
	}
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return fmt.Errorf("tls key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return fmt.Errorf("tls serial: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "localhost", Organization: []string{"Nexus local Neo4j"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(certValidity),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true, // self-signed: it is its own authority, so a client may trust it as a CA file
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		return fmt.Errorf("tls certificate: %w", err)
	}
	pk, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return fmt.Errorf("tls key: %w", err)
	}
	if err := os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pk}), 0o600); err != nil {
		return fmt.Errorf("tls key: %w", err)
	}
	if err := os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return fmt.Errorf("tls certificate: %w", err)
	}
	return nil
}
