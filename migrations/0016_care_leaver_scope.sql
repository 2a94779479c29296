-- Children Act 2004 s10(9)(b) (000 §1.15): persons over 19 receiving leaving-care services are in
-- scope with no upper age in the Act; the column's comment said "care leaver to 21".
COMMENT ON COLUMN child.extended_scope IS 'Why someone aged 18 or over is in the index (000 §1.15, Children Act 2004 s10(9)): young adult to 19, care leaver receiving leaving-care services at any age, learning difficulty or disability to 25';
