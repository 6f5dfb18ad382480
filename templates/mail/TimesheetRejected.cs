<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.TimesheetRejected.Text ?>

<?cs var:Lang.Mail.TimesheetRejected.Week ?> <?cs var:Mail.Week ?> · <?cs var:Mail.Unit ?>
<?cs var:Lang.Mail.TimesheetRejected.By ?> <?cs var:Mail.By ?>
<?cs var:Lang.Mail.TimesheetRejected.Reason ?>
<?cs var:Mail.Reason ?>

<?cs var:Lang.Mail.TimesheetRejected.Link ?>
<?cs var:Mail.URL ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
