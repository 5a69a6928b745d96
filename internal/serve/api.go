package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/cardio-planning/cardio/internal/checkup"
	"github.com/cardio-planning/cardio/internal/model"
	"github.com/cardio-planning/cardio/internal/plan"
	"github.com/cardio-planning/cardio/internal/report"
	"github.com/cardio-planning/cardio/internal/scenario"
)

func contextBackground() context.Context { return context.Background() }

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.handlePage)
	m.HandleFunc("GET /app.js", s.handleAsset)
	m.HandleFunc("GET /app.css", s.handleAsset)
	m.HandleFunc("POST /api/change", s.post(s.handleChange))
	m.HandleFunc("POST /api/extras", s.postFree(s.handleExtras))
	m.HandleFunc("POST /api/pin", s.post(s.handlePin))
	m.HandleFunc("POST /api/save", s.post(s.handleSave))
	m.HandleFunc("POST /api/sweep", s.post(s.handleSweep))
	m.HandleFunc("GET /api/download", s.handleDownload)
	s.mux = m
}

// request is the body every POST takes; each endpoint reads its fields.
type request struct {
	File int `json:"file"`
	// Set are typed values at key paths (budget.annual: 8e6); Unset are
	// paths given back their file's value; Reset drops every edit.
	Set   []edit   `json:"set"`
	Unset []string `json:"unset"`
	Reset bool     `json:"reset"`
	// Charts asks the change's answer to carry the plan's charts.
	Charts bool `json:"charts"`
	// Name is the pin's or the saved file's name; Remove unpins by index.
	Name   string `json:"name"`
	Remove *int   `json:"remove"`
	// Path, From, To and Points are a sweep's: Points evenly spaced values
	// from From to To, both included. Steps is the name the API gave it
	// until session 26 (it counted points, not the steps between them),
	// still read when Points is not given.
	Path   string  `json:"path"`
	From   float64 `json:"from"`
	To     float64 `json:"to"`
	Points int     `json:"points"`
	Steps  int     `json:"steps"`
}

// post wraps a state-changing handler: the session and its token are
// checked, the body decoded, the file index checked, and the session held
// for the request, under a context with the solve deadline that ends when
// the client goes away.
func (s *Server) post(h func(http.ResponseWriter, *http.Request, *session, *request)) http.HandlerFunc {
	return s.posting(h, true)
}

// postFree is post for a handler that takes the session's lock itself,
// only as long as it reads the session: marginal values and the checkup
// take seconds, and the next change must not wait for them.
func (s *Server) postFree(h func(http.ResponseWriter, *http.Request, *session, *request)) http.HandlerFunc {
	return s.posting(h, false)
}

func (s *Server) posting(h func(http.ResponseWriter, *http.Request, *session, *request), hold bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ss := s.authorized(w, r)
		if ss == nil {
			return
		}
		var req request
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				errorf(w, http.StatusRequestEntityTooLarge, "request body over %d bytes", tooBig.Limit)
				return
			}
			errorf(w, http.StatusBadRequest, "bad request: %v", err)
			return
		}
		// One JSON value: {"file":0}{"file":1} is not a request.
		if _, err := dec.Token(); err != io.EOF {
			errorf(w, http.StatusBadRequest, "bad request: more than one JSON value in the body")
			return
		}
		if req.File < 0 || req.File >= len(s.docs) {
			errorf(w, http.StatusBadRequest, "bad request: no file %d (there are %d)", req.File, len(s.docs))
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.opts.SolveTimeout)
		defer cancel()
		if hold {
			ss.mu.Lock()
			defer ss.mu.Unlock()
		}
		h(w, r.WithContext(ctx), ss, &req)
	}
}

// diag is a problem of the inputs, placed at the key path of the control
// it concerns.
type diag struct {
	Path     string `json:"path"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// result is the answer to a change.
type result struct {
	File  string `json:"file"`
	Edits []edit `json:"edits"`
	// Rejected says the change was not kept: its diagnostics are errors.
	Rejected    bool   `json:"rejected,omitempty"`
	Diagnostics []diag `json:"diagnostics"`
	// SolveMS is the server's time to plan; TotalMS the whole request's.
	SolveMS float64 `json:"solve_ms"`
	TotalMS float64 `json:"total_ms"`
	// Plan is the plan as cardio plan --format json writes it (money
	// in cents, problems and claims in words).
	Plan json.RawMessage `json:"plan,omitempty"`
	// Rolled is the plan's periods rolled up as cardio plan's table shows
	// them (a monthly plan by quarter), for the page's table; absent when
	// the table shows the plan's own periods.
	Rolled   *rolled  `json:"rolled,omitempty"`
	Problems []string `json:"problems,omitempty"`
	// Gap says in words how far from the best a plan the node limit
	// stopped may be, as cardio plan's views say it.
	Gap    string   `json:"gap,omitempty"`
	Charts []string `json:"charts,omitempty"`
	Inputs *inputs  `json:"inputs,omitempty"`
	// HiringHTML is the hiring plan as cardio plan's views show it (in
	// whole people, or in FTE where a roster is replaced), rolled up as
	// the periods' table is, as an HTML fragment with every text escaped
	// (report.HiringHTML); absent when the plan has none.
	HiringHTML string `json:"hiring_html,omitempty"`
}

// rolled is a plan's periods rolled up to By (quarter or year) from Unit
// (month or quarter), each as the plan's JSON writes a period.
type rolled struct {
	By      string          `json:"by"`
	Unit    string          `json:"unit"`
	Periods json.RawMessage `json:"periods"`
}

// rolledOf is rp, the roll-up by groups of by of a plan of sc that
// cardio plan's table shows (plan.RollUpBy), as the answer carries it:
// nil when the table shows the plan's own periods (by "").
func rolledOf(sc *scenario.Scenario, rp *plan.Plan, by string) (*rolled, error) {
	if by == "" {
		return nil, nil
	}
	periods, err := report.PeriodsJSON(rp)
	if err != nil {
		return nil, err
	}
	return &rolled{By: by, Unit: string(sc.Horizon.Period), Periods: periods}, nil
}

// build makes the Doc of a variant: the file's values with the edits set.
// An investment forced in or out is an edit like any other, of its
// investments[ID].decision, so a saved variant keeps the decision.
func (s *Server) build(i int, edits []edit) *scenario.Doc {
	d := s.docs[i].Clone()
	for _, e := range edits {
		_ = d.Set(e.Path, e.Value) // a refused set is reported by Decode
	}
	return d
}

// rosterFixed is the diagnostic of a change that names another roster:
// the workbench plans the current team of the files it was started on. A
// roster named by a request would be read from wherever the request
// pointed (an absolute path, ../), and its first line quoted back in a
// diagnostic; docs/serve.md promises nothing from a request reaches a
// path outside the original's directory.
const rosterFixed = "roster: the workbench plans the roster the scenario file names; it cannot be changed from the page (start cardio serve on a scenario that names the other roster)"

// rosterChanged reports whether d, a variant of file i, names a roster
// other than the file's own. It is checked before d is decoded, which
// reads the roster.
func (s *Server) rosterChanged(i int, d *scenario.Doc) bool {
	was, had := s.docs[i].Value("roster")
	now, has := d.Value("roster")
	return had != has || !reflect.DeepEqual(was, now)
}

// diags places the diagnostics at key paths: one a set caused names the
// set's path, and says its message without the set (Diagnostic.Set): the
// page shows it under the control the value was typed into, and no --set
// was used.
func diags(ds scenario.Diagnostics, edits []edit) []diag {
	out := []diag{}
	for _, d := range ds {
		// The page's controls name a region or function by its name or
		// id, the diagnostic by index: the set's own text says which.
		p, msg := d.Path, d.Message
		for _, e := range edits {
			if strings.HasPrefix(d.Set, e.Path+"=") {
				p = e.Path
			}
		}
		out = append(out, diag{Path: p, Severity: d.Severity.String(), Message: report.CleanText(msg)})
	}
	return out
}

// apply merges a request's edits into a file's: a set replaces the value
// at its path, an unset drops it.
func apply(st *fileState, req *request) []edit {
	// Never nil: the page reads it as a list.
	edits := append([]edit{}, st.edits...)
	if req.Reset {
		edits = []edit{}
	}
	for _, p := range req.Unset {
		edits = slices.DeleteFunc(edits, func(e edit) bool { return e.Path == p })
	}
	for _, e := range req.Set {
		if k := slices.IndexFunc(edits, func(x edit) bool { return x.Path == e.Path }); k >= 0 {
			edits[k] = e
		} else {
			edits = append(edits, e)
		}
	}
	return edits
}

func (s *Server) handleChange(w http.ResponseWriter, r *http.Request, ss *session, req *request) {
	start := time.Now()
	st := ss.files[req.File]
	edits := apply(st, req)
	res := &result{File: s.fileName(req.File), Edits: edits}
	var sc *scenario.Scenario
	if d := s.build(req.File, edits); s.rosterChanged(req.File, d) {
		res.Diagnostics = []diag{{Path: "roster", Severity: "error", Message: rosterFixed}}
	} else {
		var ds scenario.Diagnostics
		sc, ds = d.Decode()
		res.Diagnostics = diags(ds, edits)
	}
	if sc == nil {
		// Keep the last good inputs; show what this change broke.
		res.Rejected = true
		res.Edits = st.edits
		if prev, _ := s.build(req.File, st.edits).Decode(); prev != nil {
			res.Inputs = inputsOf(prev, s.docs[req.File])
		}
		res.TotalMS = ms(time.Since(start))
		writeJSON(w, res)
		return
	}
	if err := s.acquire(r.Context()); err != nil {
		s.solveError(w, err)
		return
	}
	t0 := time.Now()
	p, _, err := st.planner.Optimize(r.Context(), sc)
	res.SolveMS = ms(time.Since(t0))
	s.release()
	if err != nil {
		s.solveError(w, err)
		return
	}
	st.edits = edits
	if res.Plan, err = planJSON(p); err != nil {
		s.solveError(w, err)
		return
	}
	// The periods' table and the hiring plan are rolled up as cardio
	// plan's table view rolls them (a monthly plan by quarter).
	rp, by := plan.RollUpBy(sc, p, "")
	if res.Rolled, err = rolledOf(sc, rp, by); err != nil {
		s.solveError(w, err)
		return
	}
	if res.HiringHTML, err = report.HiringHTML(rp, by != ""); err != nil {
		s.solveError(w, err)
		return
	}
	res.Problems = report.ProblemWords(sc.Currency, p.Findings)
	if p.Status == plan.StatusOptimalWithinGap {
		res.Gap = report.GapWords(p)
	}
	res.Inputs = inputsOf(sc, s.docs[req.File])
	if req.Charts {
		if res.Charts, err = charts(sc, p); err != nil {
			s.solveError(w, err)
			return
		}
	}
	res.TotalMS = ms(time.Since(start))
	writeJSON(w, res)
}

func (s *Server) solveError(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		errorf(w, http.StatusServiceUnavailable, "the plan took longer than %s: stopped", s.opts.SolveTimeout)
	case errors.Is(err, context.Canceled):
		// The client went away: nobody reads the answer.
		errorf(w, http.StatusServiceUnavailable, "canceled")
	case errors.Is(err, model.ErrTooLarge):
		// The request's inputs, not the server: a 422 that says what to
		// change, not a 500.
		errorf(w, http.StatusUnprocessableEntity, "%s", report.CleanText(err.Error()))
	default:
		s.log.Printf("error: %v", err)
		errorf(w, http.StatusInternalServerError, "%s", report.CleanText(err.Error()))
	}
}

// planJSON is the plan as the CLI's JSON view writes it.
func planJSON(p *plan.Plan) (json.RawMessage, error) {
	var buf bytes.Buffer
	if err := report.WritePlanView(&buf, p, report.JSON, report.PlanView{}); err != nil {
		return nil, err
	}
	return json.RawMessage(bytes.TrimSpace(buf.Bytes())), nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		errorf(w, http.StatusInternalServerError, "%v", err)
		return
	}
	_, _ = w.Write(buf.Bytes())
}

var svgProlog = regexp.MustCompile(`(?s)^.*?<svg `)

// charts draws the HTML report's charts of a plan (report.PlanCharts) as
// inline SVG.
func charts(sc *scenario.Scenario, p *plan.Plan) ([]string, error) {
	cs, err := report.PlanCharts(report.ScenarioPlan{Scenario: sc, Plan: p})
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, c := range cs {
		var buf bytes.Buffer
		wd, h := report.HTMLChartSize(c)
		if err := c.WriteSVG(&buf, wd, h); err != nil {
			return nil, err
		}
		out = append(out, svgProlog.ReplaceAllString(buf.String(), `<svg role="img" `))
	}
	return out, nil
}

// current decodes and plans a file's variant as the session has it.
func (s *Server) current(ctx context.Context, i int, st *fileState) (*scenario.Scenario, *plan.Plan, error) {
	sc, ds := s.build(i, st.edits).Decode()
	if sc == nil {
		return nil, nil, ds
	}
	if err := s.acquire(ctx); err != nil {
		return nil, nil, err
	}
	defer s.release()
	pl := *st.planner
	p, _, err := pl.Optimize(ctx, sc)
	return sc, p, err
}

// extras are the slower results, asked for after a change: marginal
// values, the "In short" paragraph that speaks of them, and the checkup's
// signs.
type extras struct {
	Marginal *plan.MarginalValues `json:"marginal,omitempty"`
	// InShort is the "In short" paragraph of cardio plan, sentence by
	// sentence (report.Narrative of the plan with its marginal values):
	// here rather than with the plan because one of its sentences says
	// what another $100k a year would buy.
	InShort []string `json:"in_short,omitempty"`
	Checkup string   `json:"checkup,omitempty"`
	// CheckupHTML is the same checkup as an HTML fragment with every
	// text escaped (report.CheckupHTML), what the page shows.
	CheckupHTML string `json:"checkup_html,omitempty"`
	Error       string `json:"error,omitempty"`
}

func (s *Server) handleExtras(w http.ResponseWriter, r *http.Request, ss *session, req *request) {
	// A snapshot of the session's variant: its planner copied, its edits
	// (never written in place: apply makes new ones).
	ss.mu.Lock()
	snap := *ss.files[req.File]
	pl0 := *snap.planner
	snap.planner = &pl0
	ss.mu.Unlock()
	st := &snap
	sc, p, err := s.current(r.Context(), req.File, st)
	if err != nil {
		s.solveError(w, err)
		return
	}
	var ex extras
	if err := s.acquire(r.Context()); err != nil {
		s.solveError(w, err)
		return
	}
	defer s.release()
	pl := *st.planner
	if ex.Marginal, err = plan.Marginals(r.Context(), sc, &pl, p); err != nil {
		s.solveError(w, err)
		return
	}
	withMarginal := *p
	withMarginal.Marginal = ex.Marginal
	// In the periods the page's table shows, as cardio plan's table view
	// words it.
	ex.InShort = report.NarrativeBy(&withMarginal, report.RollUpOf(sc, ""))
	rep, err := checkup.Run(r.Context(), sc, s.opts.LP)
	var inf *checkup.InfeasibleError
	switch {
	case errors.As(err, &inf):
	case err != nil:
		s.solveError(w, err)
		return
	default:
		var buf bytes.Buffer
		if err := report.WriteCheckup(&buf, rep, report.Markdown); err != nil {
			s.solveError(w, err)
			return
		}
		ex.Checkup = buf.String()
		if ex.CheckupHTML, err = report.CheckupHTML(rep); err != nil {
			s.solveError(w, err)
			return
		}
	}
	writeJSON(w, ex)
}
