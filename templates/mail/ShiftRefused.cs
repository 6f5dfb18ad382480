<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.ShiftRefused.Text ?>

<?cs var:Lang.Mail.ShiftRefused.When ?> <?cs var:Mail.When ?>
<?cs each:r = Mail.Rules ?>- <?cs var:Lang.Planning.Rules[r] ?>
<?cs /each ?>
<?cs var:Lang.Mail.ShiftRefused.Link ?>
<?cs var:Mail.URL ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
