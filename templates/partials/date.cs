<?cs # date.cs: a day as its user reads it — "ma 30 nov", "Mon 30 Nov", "lun. 30 nov." — from its weekday (mon … sun), day of the month and month (1-12) ?>
<?cs def:day(weekday, d, m) ?><?cs var:Lang.Date.Day[weekday] ?> <?cs var:d ?> <?cs var:Lang.Date.Month[m] ?><?cs /def ?>
