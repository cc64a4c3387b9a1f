package neo4jstore

import (
	"errors"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/internal/neo4jtest"
)

// TestTLS writes and reads through every encrypted scheme against the test
// server, which accepts TLS with its own self-signed certificate: verified
// against that certificate (bolt+s, neo4j+s with CAFile), and trusted
// unverified (+ssc). Verified against the system's roots the certificate
// is refused, with an error that says so.
func TestTLS(t *testing.T) {
	ca := neo4jtest.TLSCAFile(t)
	u, err := url.Parse(neo4jtest.URI(t))
	if err != nil {
		t.Fatal(err)
	}
	// The certificate names localhost and the loopback addresses.
	for _, tc := range []struct {
		name, uri, ca string
	}{
		{"bolt+s verified against the server's certificate", "bolt+s://" + u.Host, ca},
		{"neo4j+s verified against the server's certificate, by name", "neo4j+s://localhost:" + u.Port(), ca},
		{"bolt+ssc trusts it unverified", "bolt+ssc://" + u.Host, ""},
		{"neo4j+ssc trusts it unverified", "neo4j+ssc://" + u.Host, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t, func(c *Config) { c.URI, c.CAFile = tc.uri, tc.ca })
			x := graph.Extraction{
				Documents: []graph.Document{doc("d1", "/tls.txt", "Kora Arms supplied Pelican Freight.")},
				Entities:  []graph.Entity{ent("Kora Arms", graph.Organization), ent("Pelican Freight", graph.Organization)},
				Relations: []graph.Relation{rel("Kora Arms", graph.Supplies, "Pelican Freight", 0.9, "d1", 0)},
			}
			mustWrite(t, s, withSpans(x))
			got, err := s.Entity(ctxT(t), graph.EntityID("Kora Arms"))
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != "Kora Arms" || got.DegreeByType[graph.Supplies] != 1 || len(got.Documents) != 1 {
				t.Errorf("read back over %s: %+v", tc.uri, got)
			}
		})
	}
	t.Run("the system's roots refuse a self-signed certificate", func(t *testing.T) {
		s, err := Open(ctxT(t), Config{URI: "bolt+s://" + u.Host, User: neo4jtest.User(), Password: neo4jtest.Password()})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close(ctxT(t))
		err = s.Ping(ctxT(t))
		if !errors.Is(err, graph.ErrUnavailable) || !strings.Contains(err.Error(), "certificate") {
			t.Errorf("want unavailable with a certificate error, got %v", err)
		}
	})
	t.Run("a CA file that holds no certificate", func(t *testing.T) {
		bad := t.TempDir() + "/ca.pem"
		if err := os.WriteFile(bad, []byte("not a certificate"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Open(ctxT(t), Config{URI: "bolt+s://" + u.Host, CAFile: bad})
		if err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("want an error naming %s, got %v", bad, err)
		}
	})
}
