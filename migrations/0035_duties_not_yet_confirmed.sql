-- The duties whose end after 2010 could not be confirmed here (issue 13 point 2, closing it honestly).
--
-- Migration 0019 recorded the amendments to Children Act 2004 s10(4) that could be checked: the local
-- policing body (2012), NHS England and clinical commissioning groups (2013), integrated care boards
-- (2022) and the probation changes. Two further changes were planned or made after the seeds were
-- written and their commencement could not be checked against the commencement orders from here:
--   (f)        Connexions services moved to the local authority under the Education and Skills Act 2008
--              s68, and the wording of (f) followed;
--   (fa)-(fd)  the government announced in 2010 that it would remove the duty on schools and colleges
--              to be relevant partners; whether and when legislation (the Education Act 2011 is the
--              likely vehicle) did so could not be confirmed here.
-- Rather than invent a date, these duties stay open and are marked dates_confirmed = false, so the
-- partnership page and GET /api/areas/{code} say "dates not yet confirmed" beside them. A later
-- migration sets their effective_to once the commencement is checked.

UPDATE statutory_duty
   SET dates_confirmed = false,
       source = source || '; the removal announced in 2010 (whether and when legislation ended this duty) is not yet confirmed'
 WHERE code IN ('s10-4-fa', 's10-4-fb', 's10-4-fc', 's10-4-fd');

UPDATE statutory_duty
   SET dates_confirmed = false,
       source = source || '; the change of wording when Connexions moved to the Education and Skills Act 2008 s68 is not yet dated'
 WHERE code = 's10-4-f';
