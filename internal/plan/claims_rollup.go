package plan

// RollUpClaims are the claims of p (Claims) as they read in the periods
// RollUp makes of p's (groups, size and unit as RollUp takes them): what
// the "In short" paragraph says beside tables that show a monthly plan by
// quarter, so that every period it names and every per-period figure it
// quotes is one of those tables'. Read off the rolled-up periods, as
// RollUp rolls each figure (docs/output.md lists the kinds):
//   - the heart's verdict and lowest score, the weakest heart function and
//     region: the rolled periods' (a quarter is healthy only if every
//     month is; scores are the means over its months);
//   - the weakest heart cell is the weakest of the months', as a rolled
//     period's is: p's own claim, its Period the month it is in and its
//     ties counted over the months' cells;
//   - the brain's course: the rolled periods';
//   - what an investment bought does and gives back: at the end of the
//     plan's last rolled period, bought from the rolled period of the
//     month it is bought in;
//   - a limit reached (Binding) names the rolled periods it is reached in
//     in every one of their months (Periods) and those it is reached in
//     in some only (Partly); the budget left unspent the rolled periods
//     with money left; the roster replaced the rolled periods it is
//     replaced in, and kept the last rolled period.
//
// The figures over the whole horizon (the brain's FTE and share, its
// score, its thinnest functions (their mean and their lowest, in p's own
// periods), the spend split, an investment's spend, the unspent total, the
// roster counts and savings, the marginal values) are p's own. Groups
// that do not name every period give p's claims.
func (p *Plan) RollUpClaims(groups []string, size int, unit string) []Finding {
	own := p.Claims
	if own == nil {
		own = Claims(p)
	}
	if len(groups) != len(p.Periods) || len(p.Periods) == 0 || own == nil {
		return own
	}
	rp := p.RollUp(groups, size, unit)
	spans := Spans(groups, size, unit)
	// The rolled period of each of p's periods, by label.
	in := make(map[string]int, len(p.Periods))
	for k, sp := range spans {
		for t := sp.Start; t < sp.End; t++ {
			in[p.Periods[t].Label] = k
		}
	}
	// counts are how many of labels (p's) each rolled period holds.
	counts := func(labels []string) []int {
		n := make([]int, len(spans))
		for _, l := range labels {
			if k, ok := in[l]; ok {
				n[k]++
			}
		}
		return n
	}
	// whole and part split the rolled periods of labels: those all of
	// whose periods are among them, and those only some are.
	split := func(labels []string) (whole, part []string) {
		for k, n := range counts(labels) {
			switch sp := spans[k]; {
			case n == sp.End-sp.Start:
				whole = append(whole, sp.Label)
			case n > 0:
				part = append(part, sp.Label)
			}
		}
		return whole, part
	}
	// touched are the rolled periods any of labels is in, in order.
	touched := func(labels []string) []string {
		var out []string
		for k, n := range counts(labels) {
			if n > 0 {
				out = append(out, spans[k].Label)
			}
		}
		return out
	}
	var out []Finding
	out = append(out, heartClaims(rp)...)
	for i, c := range out {
		if c.Kind != KindHeartWeakestCell {
			continue
		}
		// The months' own, with the ties counted over the months' cells
		// (a rolled period's cells are its months' means).
		for _, o := range own {
			if o.Kind == KindHeartWeakestCell {
				out[i] = o
			}
		}
	}
	for _, c := range own {
		switch c.Kind {
		case KindBrainNoStaff:
			out = append(out, c)
		case KindBrainStaff:
			out = append(out, c)
			if tr, ok := brainTrend(rp); ok {
				out = append(out, tr)
			}
		case KindBrainThinnestFunction:
			// Over the whole horizon, in the plan's own periods: the
			// same functions, mean and lowest in every view (the words
			// name the month of the lowest and its quarter). Read off
			// the rolled periods, a month at 0.0% vanished into its
			// quarter's mean, and --by month, quarter and year named
			// three figures in three periods.
			out = append(out, c)
		}
	}
	for _, c := range own {
		if c.Kind == KindNothingSpent || c.Kind == KindSpendSplit {
			out = append(out, c)
		}
	}
	for _, c := range investmentClaims(rp) {
		if c.Kind == KindInvestmentBought {
			for _, o := range own {
				if k, ok := in[o.Period]; ok && o.Kind == KindInvestmentBought && o.Investment == c.Investment {
					c.Period = spans[k].Label
				}
			}
		}
		out = append(out, c)
	}
	for _, c := range own {
		switch c.Kind {
		case KindBudgetSpent, KindHeadcountCapReached, KindFloorBinds, KindHireLimitReached, KindExitLimitReached,
			KindCentralShareMinReached, KindCentralShareMaxReached:
			c.Periods, c.Partly = split(c.Periods)
			out = append(out, c)
		case KindNoLimitBinds:
			out = append(out, c)
		case KindBudgetUnspent:
			c.Periods = nil
			for _, per := range rp.Periods {
				if UnspentMin(per.Unspent, per.Budget) {
					c.Periods = append(c.Periods, per.Label)
				}
			}
			out = append(out, c)
		case KindFloorBroken, KindBudgetOverspent:
			c.Periods, c.Partly = split(c.Periods)
			if k, ok := in[c.Period]; ok && c.Kind == KindFloorBroken {
				c.Period = spans[k].Label
			}
			out = append(out, c)
		case KindConstraintsBroken, KindSearchStopped:
			out = append(out, c)
		case KindBudgetMakesHealthy:
			if m := p.Marginal; m != nil {
				c.Periods = RollTurned(p, spans, m.Budget).MakesHealthy
				if len(c.Periods) > 0 {
					out = append(out, c)
				}
			}
		case KindRosterReplaced, KindRosterLeft:
			c.Periods = touched(c.Periods)
			out = append(out, c)
		case KindRosterKept:
			if k, ok := in[c.Period]; ok {
				c.Period = spans[k].Label
			}
			out = append(out, c)
		}
	}
	return out
}

// RollTurned is x with the periods whose healthy verdict it turns
// (MakesHealthy, MakesUnhealthy) named as the rolled periods of spans
// (p's periods grouped): a rolled period is healthy only if each of its
// own is, so it is made healthy when it is not and every one of its
// periods is healthy after the change, and made unhealthy when it is
// and one of them is not. A rolled period some of whose periods only are
// made healthy is named in neither.
func RollTurned(p *Plan, spans []Span, x Marginal) Marginal {
	made := map[string]bool{}
	for _, l := range x.MakesHealthy {
		made[l] = true
	}
	unmade := map[string]bool{}
	for _, l := range x.MakesUnhealthy {
		unmade[l] = true
	}
	x.MakesHealthy, x.MakesUnhealthy = nil, nil
	for _, sp := range spans {
		if sp.Start < 0 || sp.End > len(p.Periods) {
			continue
		}
		before, after, lost := true, true, false
		for _, per := range p.Periods[sp.Start:sp.End] {
			before = before && per.Healthy
			now := (per.Healthy && !unmade[per.Label]) || made[per.Label]
			after = after && now
			lost = lost || unmade[per.Label]
		}
		switch {
		case !before && after:
			x.MakesHealthy = append(x.MakesHealthy, sp.Label)
		case before && lost:
			x.MakesUnhealthy = append(x.MakesUnhealthy, sp.Label)
		}
	}
	return x
}
