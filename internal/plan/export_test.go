package plan

// problemWords words findings for the tests of explanations: the view's
// report.ProblemWords, set by words_test.go (package plan_test, which may
// import report; package plan may not).
var problemWords func(currency string, fs []Finding) []string

// ProblemWordsHook lets words_test.go set problemWords.
var ProblemWordsHook = &problemWords
