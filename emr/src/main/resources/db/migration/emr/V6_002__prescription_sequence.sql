-- Số thứ tự đơn thuốc của cơ sở: the source of the 7-character part of the national prescription code
-- (xxxxxyyyyyyy-z). A sequence never hands out a number twice, even across concurrent doctors or a rolled-back
-- save (a gap is harmless: the code only has to be unique within the facility).
CREATE SEQUENCE prescription_number START WITH 1 INCREMENT BY 1 MINVALUE 1 NO CYCLE;
