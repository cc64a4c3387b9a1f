package neo4jstore

import (
	"errors"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/nexus-graph/nexus/graph"
)

func TestPublicMessage(t *testing.T) {
	tests := []struct {
		name, in     string
		want, absent []string
	}{
		{name: "java class", in: "org.neo4j.exceptions.InvalidArgumentException: Unknown procedure db.nope",
			want: []string{"Unknown procedure db.nope"}, absent: []string{"org.neo4j", "InvalidArgumentException"}},
		{name: "file url", in: "Couldn't load the external resource at: file:///var/lib/neo4j/import/etc/passwd",
			want: []string{"Couldn't load the external resource at: <path>"}, absent: []string{"/var/lib", "passwd"}},
		{name: "absolute path", in: "Cannot read '/work/main/.nexus/neo4j/data/x.db' (denied)",
			want: []string{"'<path>"}, absent: []string{"/work", ".nexus"}},
		{name: "syntax caret kept", in: "Invalid input 'RETURN': expected ')' (line 1, column 10 (offset: 9))\n\"MATCH (n RETURN n\"\n          ^",
			want: []string{"(line 1, column 10 (offset: 9))", "\"MATCH (n RETURN n\"\n          ^"}},
		{name: "long", in: strings.Repeat("x", 5000), want: []string{"…"}},
		{name: "division by zero", in: "/ by zero", want: []string{"/ by zero"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := publicMessage(tc.in)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("publicMessage = %q, want it to contain %q", got, w)
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(got, a) {
					t.Errorf("publicMessage = %q, must not contain %q", got, a)
				}
			}
			if n := len([]rune(got)); n > maxPublicMessage+1 {
				t.Errorf("len = %d", n)
			}
		})
	}
}

func TestMapErrorNamesCredentials(t *testing.T) {
	err := mapError(&neo4j.Neo4jError{Code: "Neo.ClientError.Security.Unauthorized",
		Msg: "The client is unauthorized due to authentication failure."})
	if !errors.Is(err, graph.ErrUnavailable) || !strings.Contains(err.Error(), "NEO4J_PASSWORD") ||
		!strings.Contains(err.Error(), ".nexus/neo4j-password") {
		t.Errorf("err = %v, want ErrUnavailable naming the settings and the file", err)
	}
}
