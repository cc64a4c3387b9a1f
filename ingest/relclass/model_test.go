package relclass

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/nexus-graph/nexus/graph"
	"github.com/nexus-graph/nexus/seeds"
)

// toy is a separable problem: the path word decides the class.
func toy() []Example {
	var ex []Example
	for i := 0; i < 20; i++ {
		ex = append(ex,
			Example{Features: []string{"w:supply", "t:Organization>Organization"}, Class: Label(graph.Supplies, true)},
			Example{Features: []string{"w:designate", "t:Organization>Organization"}, Class: Label(graph.Sanctioned, false)},
			Example{Features: []string{"w:meet", "t:Organization>Organization"}, Class: None})
	}
	return ex
}

func TestTrainLearnsAndIsDeterministic(t *testing.T) {
	m := Train(toy(), TrainOptions{})
	for _, tc := range []struct {
		feats []string
		want  string
	}{
		{[]string{"w:supply", "t:Organization>Organization"}, "SUPPLIES>"},
		{[]string{"w:designate", "t:Organization>Organization"}, "SANCTIONED<"},
		{[]string{"w:meet", "t:Organization>Organization"}, None},
	} {
		if got, p := m.Predict(tc.feats); got != tc.want || p < 0.8 {
			t.Errorf("Predict(%v) = %s %.2f, want %s", tc.feats, got, p, tc.want)
		}
	}
	a, _ := json.Marshal(m)
	b, _ := json.Marshal(Train(toy(), TrainOptions{}))
	if string(a) != string(b) {
		t.Error("two trainings on the same examples differ")
	}
}

func TestLoad(t *testing.T) {
	if _, err := Load(seeds.RelationModel()); err != nil {
		t.Fatalf("the embedded model: %v", err)
	}
	for _, bad := range []string{
		`{"classes":["SUPPLIES>"],"weights":{},"bias":[0],"threshold":0.8}`,
		`{"classes":["NONE","SELLS>"],"weights":{},"bias":[0,0],"threshold":0.8}`,
		`{"classes":["NONE"],"weights":{},"bias":[],"threshold":0.8}`,
		`{"classes":["NONE"],"weights":{},"bias":[0],"extra":1}`,
	} {
		if _, err := Load([]byte(bad)); err == nil || !strings.Contains(err.Error(), "relation model") {
			t.Errorf("Load(%s) = %v, want an error naming the model", bad, err)
		}
	}
}
