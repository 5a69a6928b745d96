package solve

// ToSimplex is toSimplex, for the external tests: the problem in the
// simplex package's form, to solve with each of its methods.
var ToSimplex = toSimplex
