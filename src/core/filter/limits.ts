/**
 * Hard limits on filter text. Filters arrive from untrusted clients, so the parser must
 * refuse work proportional to anything but these. Depth also bounds every recursive walk
 * over a parsed tree (format, bind, evaluate, SQL), and the node count bounds the SQL
 * (SQLite rejects expression trees deeper than 1000; and/or chains compile balanced).
 */
export const MAX_FILTER_LENGTH = 4000;
/** Parentheses and `not` each open one level. */
export const MAX_FILTER_DEPTH = 64;
/** Operands, literals (including each `in` list item) and operators. */
export const MAX_FILTER_NODES = 1000;
