<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.PrivacyRequestFiled.Text ?>

<?cs var:Lang.Mail.PrivacyRequestFiled.Kind ?> <?cs var:Lang.Privacy.Requests.Kinds[Mail.Kind] ?>
<?cs var:Lang.Mail.PrivacyRequestFiled.Due ?> <?cs var:Mail.Due ?>

<?cs var:Lang.Mail.PrivacyRequestFiled.Link ?>
<?cs var:Mail.URL ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
