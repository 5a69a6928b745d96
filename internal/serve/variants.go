package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/cardio-planning/cardio/internal/chart"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/scenario"
)

// inputs are the values of the page's controls, as the variant's
// scenario has them after defaults.
type inputs struct {
	Currency     string  `json:"currency"`
	BudgetAnnual float64 `json:"budget_annual"`
	PerPeriod    bool    `json:"per_period"`
	BudgetChange float64 `json:"budget_change"`
	MaxFTE       float64 `json:"max_fte"`
	HasMaxFTE    bool    `json:"has_max_fte"`
	ShareMin     float64 `json:"share_min"`
	ShareMax     float64 `json:"share_max"`
	HealthyHeart float64 `json:"healthy_heart"`
	BrainWeight  float64 `json:"brain_weight"`
	CentralCost  float64 `json:"central_cost"`
	// CentralHire and CentralExit are the central team's one-time costs
	// per FTE hired and leaving (hire_cost, exit_cost).
	CentralHire float64      `json:"central_hire_cost"`
	CentralExit float64      `json:"central_exit_cost"`
	Regions     []regionIn   `json:"regions"`
	Functions   []functionIn `json:"functions"`
	Investments []investIn   `json:"investments"`
	// Labels names each numeric control's key path in words, as cardio
	// sweep, risk and the workbook's What-if sheet name it
	// (report.InputLabel): "North America: sellers" for
	// regions[North America].sellers. The page's sweep picker and table
	// header read them, so that a person reads the input, not its path.
	Labels map[string]string `json:"labels"`
}

type regionIn struct {
	Name    string  `json:"name"`
	Sellers float64 `json:"sellers"`
	Growth  float64 `json:"growth"`
	Cost    float64 `json:"cost"`
	Hire    float64 `json:"hire_cost"`
	Exit    float64 `json:"exit_cost"`
}

type functionIn struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Class string  `json:"class"`
	Floor float64 `json:"floor"`
}

// investIn is an investment's control: its decision in the variant, and
// in the file (the page unsets the edit when a person picks the file's
// decision again, so that a saved file does not gain a key it did not
// need).
type investIn struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Owned        bool   `json:"owned"`
	Decision     string `json:"decision"`
	FileDecision string `json:"file_decision"`
}

// inputsOf reads the controls' values off a decoded variant; base is the
// file's Doc, for the investments' decisions in the file.
func inputsOf(sc *scenario.Scenario, base *scenario.Doc) *inputs {
	in := &inputs{
		Currency: sc.Currency, BudgetAnnual: sc.Budget.Annual, PerPeriod: sc.Budget.PerPeriod != nil, BudgetChange: sc.Budget.ChangePerYear,
		MaxFTE: sc.Policy.MaxFTE, HasMaxFTE: sc.Policy.HasMaxFTE(), ShareMin: sc.Policy.CentralShare.Min, ShareMax: sc.Policy.CentralShare.Max,
		HealthyHeart: sc.Policy.HealthyHeart, BrainWeight: sc.Policy.BrainWeight, CentralCost: sc.Central.CostPerFTE,
		CentralHire: sc.Central.HireCost, CentralExit: sc.Central.ExitCost,
		Regions: []regionIn{}, Functions: []functionIn{}, Investments: []investIn{},
	}
	for _, r := range sc.Regions {
		in.Regions = append(in.Regions, regionIn{Name: r.Name, Sellers: r.Sellers, Growth: r.SellerGrowthPerYear, Cost: r.CostPerFTE, Hire: r.HireCost, Exit: r.ExitCost})
	}
	for _, f := range sc.Functions {
		in.Functions = append(in.Functions, functionIn{ID: f.ID, Name: f.Name, Class: string(f.Class), Floor: f.MinCoverage})
	}
	in.Labels = controlLabels(sc)
	file := fileDecisions(base)
	for _, inv := range sc.Investments {
		fd := file[inv.ID]
		if fd == "" {
			fd = string(scenario.Optimize)
		}
		in.Investments = append(in.Investments, investIn{ID: inv.ID, Name: inv.Name, Owned: inv.Owned, Decision: string(inv.Decision), FileDecision: fd})
	}
	return in
}

// controlLabels names the key paths of the page's numeric controls (its
// buildControls in assets/app.js makes the same paths: a region by its
// name, a function by its id) by report.InputLabel.
func controlLabels(sc *scenario.Scenario) map[string]string {
	paths := []string{"budget.annual", "budget.change_per_year", "policy.max_fte", "policy.central_share.min", "policy.central_share.max",
		"policy.healthy_heart", "policy.brain_weight", "central.cost_per_fte", "central.hire_cost", "central.exit_cost"}
	for _, r := range sc.Regions {
		for _, k := range []string{"sellers", "seller_growth_per_year", "cost_per_fte", "hire_cost", "exit_cost"} {
			paths = append(paths, "regions["+r.Name+"]."+k)
		}
	}
	for _, f := range sc.Functions {
		paths = append(paths, "functions["+f.ID+"].min_coverage")
	}
	out := make(map[string]string, len(paths))
	for _, p := range paths {
		out[p] = report.InputLabel(sc, p)
	}
	return out
}

// fileDecisions are the decisions the file writes, by investment id
// (none when it writes none: the default).
func fileDecisions(d *scenario.Doc) map[string]string {
	out := map[string]string{}
	invs, _ := d.Values()["investments"].([]any)
	for _, v := range invs {
		m, _ := v.(map[string]any)
		id, _ := m["id"].(string)
		if dec, ok := m["decision"].(string); ok && id != "" {
			out[id] = dec
		}
	}
	return out
}

// pin is a pinned variant of one of the files: its edits and its plan.
type pin struct {
	Name string `json:"name"`
	// File is the file's name, FileIndex its place among the files.
	File      string `json:"file"`
	FileIndex int    `json:"file_index"`
	Edits     []edit `json:"edits"`
	// Changes are the edits in words, for the pins' table: an input named
	// as cardio sweep names it, its value as cardio sweep writes it
	// ("annual budget to $5,500,000"), an investment's decision as the
	// page's select says it ("CPQ platform forced in"), not a key path.
	Changes []string        `json:"changes"`
	Plan    json.RawMessage `json:"plan"`
}

// editWords says an edit in a sales ops leader's words (pin.Changes).
func editWords(sc *scenario.Scenario, e edit) string {
	parts := report.SplitPath(e.Path)
	if len(parts) == 2 && strings.HasPrefix(parts[0], "investments[") && parts[1] == "decision" {
		name := report.InputLabel(sc, parts[0])
		switch e.Value {
		case string(scenario.In):
			return name + " forced in"
		case string(scenario.Out):
			return name + " forced out"
		case string(scenario.Optimize):
			return name + " left to the optimizer"
		}
	}
	label := report.InputLabel(sc, e.Path)
	if x, ok := e.Value.(float64); ok {
		return label + " to " + report.InputValue(e.Path, sc.Currency, x)
	}
	return label + " to " + fmt.Sprint(e.Value)
}

// handlePin pins the variant of the request's file, or unpins one. The
// pins are the session's, not a file's: variants of different files sit
// side by side.
func (s *Server) handlePin(w http.ResponseWriter, r *http.Request, ss *session, req *request) {
	st := ss.files[req.File]
	if req.Remove != nil {
		k := *req.Remove
		if k < 0 || k >= len(ss.pins) {
			// No silent 200 for a pin that is not there.
			errorf(w, http.StatusBadRequest, "remove: no pin %d (%d pinned, from 0)", k, len(ss.pins))
			return
		}
		ss.pins = slices.Delete(ss.pins, k, k+1)
		writeJSON(w, ss.pins)
		return
	}
	if len(ss.pins) >= MaxPins {
		errorf(w, http.StatusConflict, "%d variants are pinned already: unpin one first", MaxPins)
		return
	}
	sc, p, err := s.current(r.Context(), req.File, st)
	if err != nil {
		s.solveError(w, err)
		return
	}
	changes := make([]string, len(st.edits))
	for i, e := range st.edits {
		changes[i] = editWords(sc, e)
	}
	pj, err := planJSON(p)
	if err != nil {
		s.solveError(w, err)
		return
	}
	name := strings.TrimSpace(req.Name)
	if name == "" {
		name = fmt.Sprintf("variant %d", len(ss.pins)+1)
	}
	ss.pins = append(ss.pins, pin{Name: name, File: s.fileName(req.File), FileIndex: req.File, Edits: append([]edit{}, st.edits...), Changes: changes, Plan: pj})
	writeJSON(w, ss.pins)
}

// saveName is a file name the page may save to: a plain name, no
// directory, ending in .yaml.
var saveName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.ya?ml$`)

// saved is the answer to a save.
type saved struct {
	Path        string `json:"path"`
	Diagnostics []diag `json:"diagnostics"`
}

// handleSave writes the session's variant as a new scenario file next to
// the original: a new name only (an existing file is never overwritten,
// the original never touched), written whole or not at all, then read
// back and validated like any scenario file.
func (s *Server) handleSave(w http.ResponseWriter, r *http.Request, ss *session, req *request) {
	if !saveName.MatchString(req.Name) {
		errorf(w, http.StatusBadRequest, "save as %q: give a new file name such as baseline-cut.yaml (letters, digits, '.', '_', '-'; ending in .yaml)", req.Name)
		return
	}
	st := ss.files[req.File]
	d := s.build(req.File, st.edits)
	if _, ds := d.Decode(); ds.Errors() != nil {
		errorf(w, http.StatusBadRequest, "the variant has problems: fix them before saving")
		return
	}
	data, err := yaml.Marshal(d.Values())
	if err != nil {
		s.solveError(w, err)
		return
	}
	head := fmt.Sprintf("# Saved by cardio serve from %s with %d change(s).\n", s.fileName(req.File), len(st.edits))
	path := filepath.Join(filepath.Dir(s.files[req.File]), req.Name)
	if err := createNew(path, append([]byte(head), data...)); err != nil {
		if errors.Is(err, fs.ErrExist) {
			errorf(w, http.StatusConflict, "%s exists: choose another name (cardio never overwrites)", req.Name)
			return
		}
		s.solveError(w, err)
		return
	}
	res := saved{Path: path, Diagnostics: []diag{}}
	back, err := scenario.ParseFile(r.Context(), path, s.opts.MaxFileSize)
	if err != nil {
		s.solveError(w, err)
		return
	}
	_, ds := back.Decode()
	res.Diagnostics = diags(ds, nil)
	writeJSON(w, res)
}

// createNew writes a file that must not exist: to a temporary file in the
// same directory first, then hard-linked to its name (which fails if the
// name exists, atomically), so that neither an existing file nor a
// half-written one is ever left at path.
func createNew(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err = tmp.Write(data); err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Link(tmp.Name(), path)
}

// handleDownload writes a variant's plan as an XLSX workbook or an HTML
// report: the current one of file=N, or a pinned one (pin=K, of whichever
// file it was pinned from).
func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request) {
	ss := s.lookup(r)
	if ss == nil {
		errorf(w, http.StatusForbidden, "refused: no session (reload the page)")
		return
	}
	q := r.URL.Query()
	i, err := strconv.Atoi(q.Get("file"))
	if err != nil || i < 0 || i >= len(s.docs) {
		errorf(w, http.StatusBadRequest, "bad file")
		return
	}
	format := q.Get("format")
	if format != "xlsx" && format != "html" {
		errorf(w, http.StatusBadRequest, "format: use xlsx or html")
		return
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	edits := ss.files[i].edits
	if pin := q.Get("pin"); pin != "" {
		// A pin that is not there is an error, not the current variant
		// downloaded under its name.
		k, err := strconv.Atoi(pin)
		if err != nil || k < 0 || k >= len(ss.pins) {
			errorf(w, http.StatusBadRequest, "pin: no pin %q (%d pinned, from 0)", pin, len(ss.pins))
			return
		}
		i, edits = ss.pins[k].FileIndex, ss.pins[k].Edits
	}
	st := ss.files[i]
	sc, ds := s.build(i, edits).Decode()
	if sc == nil {
		errorf(w, http.StatusBadRequest, "the variant has problems: %s", ds.Error())
		return
	}
	if err := s.acquire(r.Context()); err != nil {
		s.solveError(w, err)
		return
	}
	pl := *st.planner
	p, _, err := pl.Optimize(r.Context(), sc)
	s.release()
	if err != nil {
		s.solveError(w, err)
		return
	}
	var buf bytes.Buffer
	// The page's tables roll a monthly plan up to quarters, as cardio
	// report's do.
	sp := []report.ScenarioPlan{{Scenario: sc, Plan: p, By: report.RollUpOf(sc, "")}}
	name := strings.TrimSuffix(s.fileName(i), filepath.Ext(s.fileName(i)))
	if format == "xlsx" {
		err = report.WriteXLSX(&buf, sp)
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	} else {
		err = report.WriteHTML(&buf, sp)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	if err != nil {
		s.solveError(w, err)
		return
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name+"-variant."+format))
	_, _ = w.Write(buf.Bytes())
}

// sweepPoint is one line of a sweep's answer (NDJSON).
type sweepPoint struct {
	Index int     `json:"index"`
	Of    int     `json:"of"`
	Value float64 `json:"value"`
	// ValueText is Value as cardio sweep's table writes it ($5,000,000,
	// 45%), for the page's table.
	ValueText string  `json:"value_text"`
	Status    string  `json:"status,omitempty"`
	Heart     float64 `json:"heart_mean"`
	// Healthy is the plan's healthy_all, by which the page prints the
	// heart as cardio plan does (rounded down when not healthy).
	Healthy bool `json:"healthy_all"`
	// HealthyHeart is the point's healthy heart (the sweep may vary it),
	// which a healthy heart reads at or above as printed.
	HealthyHeart float64 `json:"healthy_heart,omitempty"`
	Brain        float64 `json:"brain_mean"`
	Spend        float64 `json:"spend"`
	Error        string  `json:"error,omitempty"`
}

// MaxSweepSteps bounds a sweep's points.
const MaxSweepSteps = 50

// MaxSweepPoints is MaxSweepSteps by the name the request now uses.
const MaxSweepPoints = MaxSweepSteps

// handleSweep plans the variant at evenly spaced values of one input,
// writing a line per point as it is planned, so the page shows progress;
// the client's abort cancels the request's context and the sweep stops.
func (s *Server) handleSweep(w http.ResponseWriter, r *http.Request, ss *session, req *request) {
	n := req.Points
	if n == 0 {
		n = req.Steps
	}
	if n < 2 || n > MaxSweepPoints {
		errorf(w, http.StatusBadRequest, "points: give 2 to %d", MaxSweepPoints)
		return
	}
	money := chart.InputUnit(req.Path, "").Kind == chart.Money
	st := ss.files[req.File]
	probe := s.build(req.File, st.edits)
	if err := probe.Set(req.Path, req.From); err != nil {
		errorf(w, http.StatusBadRequest, "%s", report.CleanText(err.Error()))
		return
	}
	if s.rosterChanged(req.File, probe) {
		errorf(w, http.StatusBadRequest, "%s", rosterFixed)
		return
	}
	currency := ""
	if sc, _ := probe.Decode(); sc != nil {
		currency = sc.Currency
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Cache-Control", "no-store")
	flush := func() {
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
	}
	enc := json.NewEncoder(w)
	pl := *st.planner
	for k := range n {
		if r.Context().Err() != nil {
			return
		}
		v := req.From + (req.To-req.From)*float64(k)/float64(n-1)
		if money {
			// A budget of $5,666,666.67, not 5666666.666666667: the
			// value planned is the value shown.
			v = report.Cents(v)
		}
		d := s.build(req.File, st.edits)
		_ = d.Set(req.Path, v)
		pt := sweepPoint{Index: k, Of: n, Value: v, ValueText: report.InputValue(req.Path, currency, v)}
		if sc, ds := d.Decode(); sc == nil {
			pt.Error = report.CleanText(ds.Error())
		} else if p, err := s.sweepPoint(r.Context(), &pl, sc); err != nil {
			return // canceled or past the deadline: the client is gone
		} else {
			// Money to the cent, as cardio sweep's JSON writes it.
			pt.Status, pt.Heart, pt.Healthy, pt.Brain, pt.Spend = p.Status, p.Totals.HeartMean, p.Totals.HealthyAll, p.Totals.BrainMean, report.Cents(p.Totals.Spend)
			pt.HealthyHeart = p.HealthyHeart
		}
		if enc.Encode(pt) != nil {
			return
		}
		flush()
	}
}

func (s *Server) sweepPoint(ctx context.Context, pl *plan.Planner, sc *scenario.Scenario) (*plan.Plan, error) {
	if err := s.acquire(ctx); err != nil {
		return nil, err
	}
	defer s.release()
	p, _, err := pl.Optimize(ctx, sc)
	return p, err
}
