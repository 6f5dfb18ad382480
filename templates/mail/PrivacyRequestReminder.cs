<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs if:Mail.Overdue ?><?cs var:Lang.Mail.PrivacyRequestReminder.Overdue ?><?cs else ?><?cs var:Lang.Mail.PrivacyRequestReminder.Text ?><?cs /if ?>

<?cs var:Lang.Mail.PrivacyRequestReminder.Kind ?> <?cs var:Lang.Privacy.Requests.Kinds[Mail.Kind] ?>
<?cs var:Lang.Mail.PrivacyRequestReminder.Due ?> <?cs var:Mail.Due ?>

<?cs var:Lang.Mail.PrivacyRequestReminder.Link ?>
<?cs var:Mail.URL ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
